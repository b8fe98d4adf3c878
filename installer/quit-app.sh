# Sourced by the installer scripts: quit_app PID quits the app's window the way a user does (Ctrl+Q),
# repeating the key while the window may not take keys yet; returns 1 if it is still running after 30 s.
quit_app() {
    local pid=$1 wid
    for _ in $(seq 1 10); do
        wid=$(xdotool search --name "TCP Memory Explorer" 2>/dev/null | head -1)
        [ -n "$wid" ] && xdotool windowfocus --sync "$wid" key ctrl+q 2>/dev/null
        for _ in 1 2 3 4 5 6; do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.5; done
    done
    return 1
}

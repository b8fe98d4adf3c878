# Sourced by the scripts that run the window under Xvfb: start_xvfb WxHxDEPTH starts an Xvfb on a display no one else
# uses (Xvfb picks it and says which: -displayfd; a random number could collide with another run's display), exports
# DISPLAY and sets XVFB_PID; returns 1 if no display came up within 10 s.
start_xvfb() {
    local chosen n
    chosen=$(mktemp)
    Xvfb -displayfd 3 -screen 0 "$1" 3>"$chosen" >/dev/null 2>&1 &
    XVFB_PID=$!
    for _ in $(seq 1 100); do
        n=$(tr -dc 0-9 <"$chosen")
        [ -n "$n" ] && break
        sleep 0.1
    done
    rm -f "$chosen"
    [ -n "$n" ] || return 1
    export DISPLAY=:$n
}

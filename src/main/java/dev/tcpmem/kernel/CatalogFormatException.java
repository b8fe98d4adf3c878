package dev.tcpmem.kernel;

/** The bundled catalog data is malformed: names the resource, the key and what is wrong. */
public final class CatalogFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CatalogFormatException(String message) {
        super(message);
    }
}

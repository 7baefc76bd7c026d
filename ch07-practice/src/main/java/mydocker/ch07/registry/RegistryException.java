package mydocker.ch07.registry;

/** A registry refused a request, answered something we do not accept, or could not be reached: one line. */
public final class RegistryException extends RuntimeException {
    public RegistryException(String message) {
        super(message);
    }

    public RegistryException(String message, Throwable cause) {
        super(message, cause);
    }
}

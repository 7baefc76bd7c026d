package mydocker.syscall;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class that creates real namespaces, mounts or cgroups: it runs
 * only as root (scripts/test.sh says loudly when this tier is skipped).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RootOnly.class)
public @interface Privileged {}

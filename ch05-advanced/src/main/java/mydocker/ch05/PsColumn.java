package mydocker.ch05;

import java.util.function.BiFunction;
import mydocker.ch04.ContainerConfig;

/**
 * A column that a later chapter adds to `ps` ({@link Engine#psColumns}): its
 * header, and its value for a container and its state (null when a state
 * file is broken: the container shows as Dead).
 */
public record PsColumn(String header, BiFunction<ContainerConfig, ContainerState, String> value) {}

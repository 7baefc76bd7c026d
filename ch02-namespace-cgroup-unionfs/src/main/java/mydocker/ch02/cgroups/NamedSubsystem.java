package mydocker.ch02.cgroups;

import java.nio.file.Path;

/**
 * A controller known here only by its name: a hierarchy in which a later
 * chapter made a container's group with a subsystem of its own (chapter 7's
 * pids, freezer). A group found again from a record or by its name
 * ({@link CgroupManager#open(CgroupParent, String)}) is joined there and
 * removed from there with the book's three, so nothing a later chapter made
 * is left behind; it is never written, its values being that chapter's.
 */
record NamedSubsystem(String name) implements Subsystem {
    @Override
    public void setV1(Path group, ResourceConfig resources, LimitFiles limits) {}

    @Override
    public void setV2(Path group, ResourceConfig resources, LimitFiles limits) {}
}

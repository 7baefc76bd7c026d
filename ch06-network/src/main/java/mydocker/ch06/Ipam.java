package mydocker.ch06;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Base64;
import java.util.BitSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Stream;
import mydocker.ch04.image.AtomicFile;
import mydocker.ch04.image.Json;

/**
 * Book 6.3's IP address management: one bitmap per subnet, bit i set when
 * address {@code network + i} is taken. The book keeps the bitmap as a string
 * of '0' and '1' (2^24 characters for a /8); here it is a BitSet, stored as
 * base64 of its bytes, in {@code <dir>/<network>_<prefix>.json}, replaced
 * atomically and changed only under a lock, since two `run`s can allocate
 * at once. The network address, the gateway (the bridge's address, index 1
 * unless the network was created with another) and the broadcast address are
 * never handed out.
 */
public final class Ipam {
    private final Path dir;

    public Ipam(Path dir) {
        this.dir = dir;
    }

    record Stored(String subnet, String allocated) {}

    /**
     * {@code preferred} if it is a container's address of the bridge's subnet
     * and free (a restarted container asks for the one it had, as Docker
     * does), else the lowest free one. Never the network address, the
     * bridge's own (the gateway) or the broadcast address.
     */
    public int allocate(BridgeAddress bridge, OptionalInt preferred) {
        Subnet subnet = bridge.subnet();
        long gateway = subnet.indexOf(bridge.gateway());
        long last = subnet.size() - 2; // the broadcast address is size - 1
        return locked(subnet, bits -> {
            int free = nextFree(bits, gateway);
            if (preferred.isPresent() && subnet.contains(preferred.getAsInt())) {
                long wanted = subnet.indexOf(preferred.getAsInt());
                if (wanted >= 1 && wanted <= last && wanted != gateway && !bits.get((int) wanted)) {
                    free = (int) wanted;
                }
            }
            if (free > last) {
                throw new IllegalStateException("no free address left in " + subnet + " (" + (subnet.size() - 3)
                        + " in all): remove a container or use a larger subnet");
            }
            bits.set(free);
            return subnet.address(free);
        });
    }

    /** The lowest clear bit from 1 (0 is the network address) that is not the gateway's. */
    private static int nextFree(BitSet bits, long gateway) {
        int free = bits.nextClearBit(1);
        return free == gateway ? bits.nextClearBit(free + 1) : free;
    }

    /** Gives {@code address} back; releasing a free address does nothing. */
    public void release(Subnet subnet, int address) {
        if (!subnet.contains(address)) {
            throw new IllegalArgumentException(Subnet.format(address) + " is not in " + subnet);
        }
        locked(subnet, bits -> {
            bits.clear((int) subnet.indexOf(address));
            return 0;
        });
    }

    /**
     * Gives back every address of {@code subnet} that is not in {@code held}:
     * one a killed release left taken with no container holding it
     * ({@link Endpoint}). The caller holds the lock under which addresses are
     * allocated and recorded, so {@code held} is every address in use.
     */
    public void keepOnly(Subnet subnet, Set<Integer> held) {
        locked(subnet, bits -> {
            for (int i = bits.nextSetBit(0); i >= 0; i = bits.nextSetBit(i + 1)) {
                if (!held.contains(subnet.address(i))) {
                    bits.clear(i);
                }
            }
            return 0;
        });
    }

    /** The subnets this IPAM has a file for. */
    public List<Subnet> subnets() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(n -> n.matches("[0-9.]+_[0-9]+\\.json"))
                    .map(n -> Subnet.parse(
                            n.substring(0, n.length() - ".json".length()).replace('_', '/')))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("IPAM state in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** How many addresses are taken: for `network rm` and the leak check. */
    public int allocated(Subnet subnet) {
        return locked(subnet, BitSet::cardinality);
    }

    /** Forgets the subnet (`network rm`). */
    public void delete(Subnet subnet) {
        try {
            Files.deleteIfExists(file(subnet));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private interface Change {
        int apply(BitSet bits);
    }

    private int locked(Subnet subnet, Change change) {
        try {
            Files.createDirectories(dir);
            try (FileChannel channel = FileChannel.open(
                            dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock lock = channel.lock()) {
                AtomicFile.removeTemporaries(dir); // a writer killed mid-write; live ones hold this lock
                Path file = file(subnet);
                BitSet bits = Files.exists(file) ? bits(file, subnet) : new BitSet();
                int result = change.apply(bits);
                AtomicFile.write(
                        file,
                        Json.MAPPER.writeValueAsBytes(new Stored(
                                subnet.toString(), Base64.getEncoder().encodeToString(bits.toByteArray()))));
                return result;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("IPAM state in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static BitSet bits(Path file, Subnet subnet) {
        Stored stored = StateJson.read(
                file,
                Stored.class,
                s -> subnet.toString().equals(s.subnet())
                        && StateJson.parses(() -> Base64.getDecoder().decode(s.allocated())),
                "`mydocker network rm` of the network on " + subnet + " resets it");
        return BitSet.valueOf(Base64.getDecoder().decode(stored.allocated()));
    }

    private Path file(Subnet subnet) {
        return dir.resolve(Subnet.format(subnet.network()) + "_" + subnet.prefix() + ".json");
    }
}

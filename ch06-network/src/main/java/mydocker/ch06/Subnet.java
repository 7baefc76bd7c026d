package mydocker.ch06;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An IPv4 subnet in CIDR form, {@code 172.30.0.0/24}: the network address and
 * the prefix length. Addresses are ints (unsigned, host order); index i of the
 * subnet is {@code network + i}.
 */
public record Subnet(int network, int prefix) {
    private static final Pattern CIDR = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})/(\\d{1,2})");
    /** A /30 is the smallest with room for a container: network, gateway, one address, broadcast. */
    static final int LONGEST_PREFIX = 30;

    static final int SHORTEST_PREFIX = 8;

    /** {@code 172.30.0.0/24}; with host bits set it is refused (a {@link BridgeAddress} takes those). */
    public static Subnet parse(String text) {
        Cidr cidr = Cidr.parse(text);
        Subnet subnet = cidr.subnet();
        if (subnet.network() != cidr.address()) {
            throw new IllegalArgumentException(
                    "invalid subnet '" + text + "': host bits are set (did you mean " + subnet + "?)");
        }
        return subnet;
    }

    /** An address and a prefix as written, {@code a.b.c.d/n}, each checked; the host bits may be set. */
    record Cidr(int address, int prefix) {
        static Cidr parse(String text) {
            Matcher m = CIDR.matcher(text.strip());
            if (!m.matches()) {
                throw new IllegalArgumentException("invalid subnet '" + text + "': expected CIDR like 172.30.0.0/24");
            }
            int address = 0;
            for (int i = 1; i <= 4; i++) {
                int octet = Integer.parseInt(m.group(i));
                if (octet > 255) {
                    throw new IllegalArgumentException("invalid subnet '" + text + "': " + octet + " is not an octet");
                }
                address = (address << 8) | octet;
            }
            int prefix = Integer.parseInt(m.group(5));
            if (prefix > LONGEST_PREFIX || prefix < SHORTEST_PREFIX) {
                throw new IllegalArgumentException("invalid subnet '" + text + "': the prefix must be /"
                        + SHORTEST_PREFIX + " to /" + LONGEST_PREFIX + " (a /" + LONGEST_PREFIX
                        + " has room for one container)");
            }
            return new Cidr(address, prefix);
        }

        /** The subnet the address is in: its host bits cleared. */
        Subnet subnet() {
            return new Subnet(address & mask(prefix), prefix);
        }
    }

    static int mask(int prefix) {
        return prefix == 0 ? 0 : -1 << (32 - prefix);
    }

    /** Addresses in the subnet, network and broadcast included. */
    public long size() {
        return 1L << (32 - prefix);
    }

    public int address(long index) {
        return network + (int) index;
    }

    public long indexOf(int address) {
        return Integer.toUnsignedLong(address - network);
    }

    public boolean contains(int address) {
        return (address & mask(prefix)) == network;
    }

    public boolean overlaps(Subnet other) {
        int shorter = Math.min(prefix, other.prefix);
        return (network & mask(shorter)) == (other.network & mask(shorter));
    }

    /** The first usable address: the bridge's unless its network was created with another (see {@link BridgeAddress}). */
    public int gateway() {
        return address(1);
    }

    /** The last address, where every host bit is set. */
    public int broadcast() {
        return address(size() - 1);
    }

    public static String format(int address) {
        return (address >>> 24) + "." + ((address >>> 16) & 255) + "." + ((address >>> 8) & 255) + "."
                + (address & 255);
    }

    /** {@code 172.30.0.5} → its int. */
    public static int parseAddress(String text) {
        String[] octets = text.strip().split("\\.");
        if (octets.length != 4) {
            throw new IllegalArgumentException("invalid IPv4 address '" + text + "'");
        }
        int address = 0;
        for (String octet : octets) {
            int value;
            try {
                value = Integer.parseInt(octet);
            } catch (NumberFormatException e) {
                value = -1;
            }
            if (value < 0 || value > 255) {
                throw new IllegalArgumentException("invalid IPv4 address '" + text + "'");
            }
            address = (address << 8) | value;
        }
        return address;
    }

    @Override
    public String toString() {
        return format(network) + "/" + prefix;
    }
}

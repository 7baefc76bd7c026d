package mydocker.ch06;

/**
 * What {@code network create --subnet} takes: the bridge's address in CIDR
 * form, as {@code ip addr} writes an interface's, which says both the subnet
 * and the gateway. The book writes {@code 192.168.0.1/24} (book 6.4,
 * {@code bridge_test.go}): the subnet is 192.168.0.0/24 and the bridge, the
 * containers' gateway, is 192.168.0.1. Docker's {@code 172.30.0.0/24} names
 * the subnet alone; its gateway is then the first address.
 */
record BridgeAddress(Subnet subnet, int gateway) {
    /** The gateway must be a host of the subnet: the network and broadcast addresses are no one's. */
    BridgeAddress {
        if (!subnet.contains(gateway) || gateway == subnet.network() || gateway == subnet.broadcast()) {
            throw new IllegalArgumentException(
                    "gateway " + Subnet.format(gateway) + " is not a host address of " + subnet);
        }
    }

    /** {@code 172.30.0.0/24} (gateway 172.30.0.1) or {@code 172.30.0.9/24} (gateway 172.30.0.9). */
    static BridgeAddress parse(String text) {
        Subnet.Cidr cidr = Subnet.Cidr.parse(text);
        Subnet subnet = cidr.subnet();
        if (cidr.address() == subnet.network()) {
            return new BridgeAddress(subnet, subnet.gateway());
        }
        if (cidr.address() == subnet.broadcast()) {
            throw new IllegalArgumentException("invalid subnet '" + text + "': " + Subnet.format(cidr.address())
                    + " is the broadcast address, not a gateway (write " + subnet + " or "
                    + new BridgeAddress(subnet, subnet.gateway()) + ")");
        }
        return new BridgeAddress(subnet, cidr.address());
    }

    /** {@code 172.30.0.9/24}: what {@code ip addr add} puts on the bridge. */
    @Override
    public String toString() {
        return Subnet.format(gateway) + "/" + subnet.prefix();
    }
}

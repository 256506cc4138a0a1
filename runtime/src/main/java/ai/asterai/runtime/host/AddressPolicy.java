package ai.asterai.runtime.host;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/** Which addresses count as local or private: loopback, private ranges, link-local, CGNAT, multicast, ... */
public final class AddressPolicy {
    private AddressPolicy() {
    }

    public static boolean isPrivate(InetAddress a) {
        if (a.isLoopbackAddress() || a.isAnyLocalAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xFF;
            int second = b[1] & 0xFF;
            return first == 0                                   // "this network"
                    || (first == 100 && second >= 64 && second < 128) // CGNAT 100.64/10
                    || (first == 192 && second == 0 && (b[2] & 0xFF) == 0) // 192.0.0/24 protocol assignments
                    || (first == 198 && (second == 18 || second == 19)) // benchmarking 198.18/15
                    || first >= 240;                            // reserved and broadcast
        }
        if (a instanceof Inet6Address) {
            if ((b[0] & 0xFE) == 0xFC) {
                return true;                                    // unique local fc00::/7
            }
            boolean mappedOrNat64 = isNat64(b) || isCompatible(b);
            if (mappedOrNat64) {
                try {
                    return isPrivate(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
                } catch (java.net.UnknownHostException e) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isNat64(byte[] b) {
        return (b[0] & 0xFF) == 0x00 && (b[1] & 0xFF) == 0x64 && (b[2] & 0xFF) == 0xFF && (b[3] & 0xFF) == 0x9B;
    }

    private static boolean isCompatible(byte[] b) {
        for (int i = 0; i < 12; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}

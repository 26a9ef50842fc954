// Which addresses feed ingestion may connect to. A feed is written by someone else, so its links (and their
// redirects) must not reach the bot's own machine or network: loopback, private, link-local (the cloud metadata
// service at 169.254.169.254), unique-local and link-local IPv6, IPv4-mapped IPv6, multicast, 0.0.0.0 and every
// other special-purpose range are refused. Only plain public unicast addresses pass (ipaddr.js classifies them).
// The check runs on the addresses DNS returns, inside the connection's own lookup: the address checked is the
// address connected to, so a name that answers a public address to the check and 127.0.0.1 to the connection
// (DNS rebinding) gets nowhere. Hosts named in FEEDS_ALLOW_HOSTS skip the check (an intranet feed, the tests).
import dns, { type LookupAddress } from "node:dns";
import ipaddr from "ipaddr.js";

/** A connection the guard refused; `retry` is false: the address will not become acceptable by asking again. */
export class BlockedAddressError extends Error {
  override name = "BlockedAddressError";
  readonly code = "EADDRBLOCKED";
}

/** The special-purpose range `address` is in (e.g. "loopback", "private"), or undefined for a public unicast address. */
export function specialRange(address: string): string | undefined {
  if (!ipaddr.isValid(address)) return "not an IP address";
  // process() turns IPv4-mapped IPv6 (::ffff:127.0.0.1) into the IPv4 address it carries.
  const range = ipaddr.process(address).range();
  return range === "unicast" ? undefined : range;
}

/** A URL host as written (`[::1]`, `Example.ORG`) in the form FEEDS_ALLOW_HOSTS entries are compared with. */
export function normaliseHost(host: string): string {
  return host.trim().toLowerCase().replace(/^\[(.*)\]$/, "$1").replace(/\.$/, "");
}

export interface AddressPolicy {
  /** Hosts (names or IP addresses, normalised) that may resolve to any address. */
  allowHosts: ReadonlySet<string>;
}

export function addressPolicy(allowHosts: readonly string[] = []): AddressPolicy {
  return { allowHosts: new Set(allowHosts.map(normaliseHost)) };
}

function refusal(host: string, address: string, range: string): BlockedAddressError {
  const shown = host === address ? address : `${host} (${address})`;
  return new BlockedAddressError(`refused: ${shown} is a ${range} address, not a public one (FEEDS_ALLOW_HOSTS can allow this host)`);
}

/**
 * Checks a URL's host before connecting when it is an IP address (a connection to an address literal does no DNS
 * lookup, so the lookup guard below never sees it). Returns the refusal, or undefined when the host may be asked.
 */
export function checkLiteralHost(url: URL, policy: AddressPolicy): BlockedAddressError | undefined {
  const host = normaliseHost(url.hostname);
  if (policy.allowHosts.has(host) || !ipaddr.isValid(host)) return undefined;
  const range = specialRange(host);
  return range ? refusal(host, host, range) : undefined;
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;
export type Resolver = (host: string, callback: (err: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void) => void;

const systemResolver: Resolver = (host, callback) => dns.lookup(host, { all: true, verbatim: true }, callback);

/**
 * A `lookup` for net.connect that resolves a name once, refuses it when any of its addresses is not public (a name
 * with one private record is not trusted with the others) and hands the connection exactly the addresses checked.
 */
export function guardedLookup(policy: AddressPolicy, resolve: Resolver = systemResolver) {
  return (host: string, options: { all?: boolean; family?: number | string }, callback: LookupCallback): void => {
    resolve(host, (err, found) => {
      if (err) return callback(err, []);
      const wanted = options.family === 4 || options.family === 6 ? found.filter((a) => a.family === options.family) : found;
      if (!policy.allowHosts.has(normaliseHost(host))) {
        for (const { address } of found) {
          const range = specialRange(address);
          if (range) return callback(refusal(host, address, range), []);
        }
      }
      if (wanted.length === 0) return callback(Object.assign(new Error(`no address for ${host}`), { code: "ENOTFOUND" }), []);
      if (options.all) return callback(null, wanted);
      const [first] = wanted as [LookupAddress];
      callback(null, first.address, first.family);
    });
  };
}

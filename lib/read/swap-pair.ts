import { zeroAddress, type Address, type PublicClient } from "viem";
import { aaveV3GuardAdapterAbi } from "@/contracts-abi/abi/AaveV3GuardAdapter";
import { iUniswapV2FactoryAbi } from "@/contracts-abi/abi/IUniswapV2Factory";
import { uniswapV2AdapterAbi } from "@/contracts-abi/abi/UniswapV2Adapter";

type Client = Pick<PublicClient, "readContract">;

/**
 * Addresses found once per browser session (this module's life, across client navigations): a swap adapter's factory
 * and a guard adapter's swapper are immutable, and a Uniswap V2 pair, once created, never moves. A page then reads a
 * pool's reserves in one round instead of three or four (it was every block's refresh of the protection panel). Lookups
 * of one address under way together share one read. Only found addresses are kept: a pair not created yet (zero) and a
 * failed read are asked again next time.
 */
const found = new Map<string, Promise<Address>>();

function once(key: string, find: () => Promise<Address>): Promise<Address> {
  let lookup = found.get(key);
  if (!lookup) {
    lookup = find().then(
      (address) => {
        if (address === zeroAddress) found.delete(key);
        return address;
      },
      (error: unknown) => {
        found.delete(key);
        throw error;
      },
    );
    found.set(key, lookup);
  }
  return lookup;
}

/** The Uniswap V2 pair of `a` and `b` that `swapAdapter` (contracts/src/periphery/UniswapV2Adapter.sol) trades on: its factory's. */
export function swapPair(client: Client, chainId: number, swapAdapter: Address, a: Address, b: Address): Promise<Address> {
  // A factory's getPair answers either order alike: one key for both.
  const [x, y] = [a.toLowerCase(), b.toLowerCase()].sort();
  return once(`pair:${chainId}:${swapAdapter.toLowerCase()}:${x}:${y}`, async () => {
    const factory = await swapFactory(client, chainId, swapAdapter);
    return client.readContract({ address: factory, abi: iUniswapV2FactoryAbi, functionName: "getPair", args: [a, b] });
  });
}

/** The Uniswap V2 factory `swapAdapter` trades on. */
function swapFactory(client: Client, chainId: number, swapAdapter: Address): Promise<Address> {
  return once(`factory:${chainId}:${swapAdapter.toLowerCase()}`, () =>
    client.readContract({ address: swapAdapter, abi: uniswapV2AdapterAbi, functionName: "factory" }),
  );
}

/** The swap adapter a guard adapter (contracts/src/periphery/guard) trades through: its `swapper`. */
export function guardSwapper(client: Client, chainId: number, guardAdapter: Address): Promise<Address> {
  return once(`swapper:${chainId}:${guardAdapter.toLowerCase()}`, () =>
    client.readContract({ address: guardAdapter, abi: aaveV3GuardAdapterAbi, functionName: "swapper" }),
  );
}

/**
 * Starts finding a guard adapter's swapper and that swapper's factory, for a read that will want a pool of the adapter
 * once it knows which tokens (the positions it reads meanwhile): by then the pair's lookup is one read, not three.
 * Never throws; a failed lookup is not kept, so the read that needs it asks again and meets the error itself.
 */
export function warmGuardVenue(client: Client, chainId: number, guardAdapter: Address): void {
  guardSwapper(client, chainId, guardAdapter)
    .then((swapper) => swapFactory(client, chainId, swapper))
    .catch(() => undefined);
}

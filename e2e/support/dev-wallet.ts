import { createWalletClient, http, type Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { estimateContractGas, writeContract } from "viem/actions";
import { localChain } from "../../lib/server/clients";
import { withGasMargin } from "../../lib/tx/gas";

/**
 * A wallet client for a dev key, for the transactions a test sends itself (setting a feed, opening a vault outside the
 * app). Its writeContract sends with the app's gas margin, as the app's own transactions do (hooks/use-transactor.tsx):
 * the engine accrues interest on a market's first call of a block, so a transaction estimated against a block of the
 * same second and mined in the next second costs more gas than its estimate. Sent with the bare estimate, such a
 * transaction ran out of gas and reverted on a loaded CI machine (a setup step, not what the test checks).
 */
export function devWallet(rpcUrl: string, chainId: number, key: Hex) {
  const client = createWalletClient({ chain: localChain(chainId, rpcUrl), transport: http(rpcUrl), account: privateKeyToAccount(key) });
  type Write = typeof client.writeContract;
  const write = async (request: Parameters<Write>[0]) => {
    const gas =
      request.gas ??
      withGasMargin(await estimateContractGas(client, { ...request, account: client.account } as Parameters<typeof estimateContractGas>[1]));
    return writeContract(client, { ...request, gas } as Parameters<typeof writeContract>[1]);
  };
  return client.extend(() => ({ writeContract: write as Write }));
}

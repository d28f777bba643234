/**
 * viem clients for one key on one chain (the agents' and scripts' runtime): a local chain definition, and helpers that
 * estimate, send and wait for every receipt.
 */
import { createPublicClient, createWalletClient, defineChain, getAddress, http, type Abi, type Address, type Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { withGasMargin } from "../tx/gas";

export function localChain(id: number, rpcUrl: string) {
  return defineChain({
    id,
    name: `Local ${id}`,
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [rpcUrl] } },
  });
}

/** Public and wallet clients for one key on one chain, with helpers that wait for every receipt. */
export function clientsFor(rpcUrl: string, chainId: number, key: Hex) {
  const chain = localChain(chainId, rpcUrl);
  const transport = http(rpcUrl, { batch: false, retryCount: 0 });
  const publicClient = createPublicClient({ chain, transport, pollingInterval: 100 });
  const account = privateKeyToAccount(key);
  const walletClient = createWalletClient({ chain, transport, account });

  async function deploy(abi: Abi, bytecode: Hex, args: readonly unknown[] = []): Promise<Address> {
    const hash = await walletClient.deployContract({ abi, bytecode, args } as Parameters<typeof walletClient.deployContract>[0]);
    const receipt = await publicClient.waitForTransactionReceipt({ hash });
    if (receipt.status !== "success" || !receipt.contractAddress) throw new Error(`deployment reverted (${hash})`);
    return getAddress(receipt.contractAddress);
  }

  async function send(request: { address: Address; abi: Abi; functionName: string; args?: readonly unknown[]; value?: bigint }) {
    const gas = await publicClient.estimateContractGas({ ...request, account } as Parameters<typeof publicClient.estimateContractGas>[0]);
    const hash = await walletClient.writeContract({ ...request, gas: withGasMargin(gas) } as Parameters<typeof walletClient.writeContract>[0]);
    const receipt = await publicClient.waitForTransactionReceipt({ hash });
    if (receipt.status !== "success") throw new Error(`${request.functionName} reverted (${hash})`);
    return receipt;
  }

  return { chain, publicClient, walletClient, account, deploy, send };
}

/**
 * Hyperlane on the local chains, and Keel's cross-chain collateral on top of it.
 *
 * Hyperlane's Mailbox, MerkleTreeHook, ProtocolFee, StorageMessageIdMultisigIsm and ValidatorAnnounce deploy from the bytecode that
 * `@hyperlane-xyz/core` ships (its own solc 0.8.x build, as Aave deploys from its npm artifacts): its sources import
 * OpenZeppelin 4.9, which cannot be compiled beside Keel's OpenZeppelin 5. Keel's routers (contracts/src/crosschain)
 * compile with forge against Hyperlane's interfaces only.
 *
 * Run alone (`npx tsx scripts/lib/deploy-hyperlane.ts`) it writes those artifacts as JSON to
 * node_modules/.cache/keel/hyperlane/, where the forge tests read them.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { getAddress, parseEther, parseUnits, type Abi, type Address, type Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { devErc20Abi, keelOracleAbi, keelRiskAdminAbi } from "../../contracts-abi";
import type { Deployment } from "../../lib/config/deployment";
import type { CrossChainDeployment, HyperlaneCore } from "../../lib/crosschain/deployment";
import { LOCAL_RELAYER_KEY, LOCAL_VALIDATOR_KEY, localValidatorStorage } from "../../lib/crosschain/dev-keys";
import { AGENT_KEYS } from "../../lib/server/dev-keys";
import { abiOf, bytecodeOf, repoRoot } from "./artifacts";
import type { clientsFor } from "../../lib/server/clients";
import { sameAddress } from "../../lib/config/address";

type Clients = ReturnType<typeof clientsFor>;

/** Where each contract's typechain factory (which carries its ABI and creation bytecode) sits in the package. */
const FACTORIES = {
  Mailbox: "Mailbox__factory.js",
  MerkleTreeHook: "hooks/MerkleTreeHook__factory.js",
  ProtocolFee: "hooks/ProtocolFee__factory.js",
  StorageMessageIdMultisigIsm: "isms/multisig/StorageMultisigIsm.sol/StorageMessageIdMultisigIsm__factory.js",
  // Where relayers find each validator's checkpoint storage (Hyperlane's relayer reads it before building metadata).
  ValidatorAnnounce: "isms/multisig/ValidatorAnnounce__factory.js",
  // The default hook: the tree in an aggregation, which pays each hook its quote and refunds the rest to the sender.
  StaticAggregationHookFactory: "hooks/aggregation/StaticAggregationHookFactory__factory.js",
  // The interchain gas paymaster a real deployment uses as default hook (forge tests prove the fee paid and refunded).
  InterchainGasPaymaster: "hooks/igp/InterchainGasPaymaster__factory.js",
  StorageGasOracle: "hooks/igp/StorageGasOracle__factory.js",
} as const;
export type HyperlaneContract = keyof typeof FACTORIES;

const factoryDir = path.join(repoRoot, "node_modules", "@hyperlane-xyz", "core", "dist", "typechain", "factories", "contracts");
export const HYPERLANE_CACHE = path.join(repoRoot, "node_modules", ".cache", "keel", "hyperlane");

/** ABI and creation bytecode of a Hyperlane core contract, from `@hyperlane-xyz/core`'s build. */
export async function hyperlaneArtifact(name: HyperlaneContract): Promise<{ abi: Abi; bytecode: Hex }> {
  // The package's `exports` hides these files from bare specifiers; a file URL reaches them (no other code runs).
  const m = (await import(pathToFileURL(path.join(factoryDir, FACTORIES[name])).href)) as Record<string, { abi: Abi; bytecode: Hex }>;
  const factory = m[`${name}__factory`];
  if (!factory?.bytecode) throw new Error(`@hyperlane-xyz/core has no ${name} factory at ${FACTORIES[name]}`);
  return { abi: factory.abi, bytecode: factory.bytecode };
}

/** Writes every artifact as `{ abi, bytecode }` JSON for the forge tests (contracts/test/crosschain). */
export async function writeHyperlaneArtifacts(dir = HYPERLANE_CACHE): Promise<string> {
  mkdirSync(dir, { recursive: true });
  for (const name of Object.keys(FACTORIES) as HyperlaneContract[]) {
    writeFileSync(path.join(dir, `${name}.json`), JSON.stringify(await hyperlaneArtifact(name)));
  }
  return dir;
}

/**
 * Hyperlane core on one chain, laid out as Hyperlane deploys it: the Mailbox (domain = chain id); as default hook an
 * aggregation of the MerkleTreeHook (the tree validators sign: Keel's routers dispatch with the default hook, and
 * Hyperlane's relayer looks for the tree in the sender's hook; the aggregation refunds any overpayment to the sender,
 * the tree alone would refuse any value), where a real deployment adds the interchain gas paymaster; a ProtocolFee at
 * zero as the required hook; a
 * StorageMessageIdMultisigIsm of `validators` as the default ISM, and the ValidatorAnnounce where each validator states
 * where its signed checkpoints are (`LOCAL_VALIDATOR_STORAGE`, announced here with the local validator's signature).
 * Also funds the local relayer.
 */
export async function deployHyperlaneCore(
  c: Clients,
  opts: { domain: number; validators: Address[]; threshold: number; log?: (l: string) => void },
): Promise<HyperlaneCore> {
  const me = c.account.address;
  const [mb, mth, fee, ism, va, agg] = await Promise.all([
    hyperlaneArtifact("Mailbox"),
    hyperlaneArtifact("MerkleTreeHook"),
    hyperlaneArtifact("ProtocolFee"),
    hyperlaneArtifact("StorageMessageIdMultisigIsm"),
    hyperlaneArtifact("ValidatorAnnounce"),
    hyperlaneArtifact("StaticAggregationHookFactory"),
  ]);
  const deploymentBlock = Number(await c.publicClient.getBlockNumber());
  const mailbox = await c.deploy(mb.abi, mb.bytecode, [opts.domain]);
  const merkleTreeHook = await c.deploy(mth.abi, mth.bytecode, [mailbox]);
  const protocolFee = await c.deploy(fee.abi, fee.bytecode, [parseEther("0.01"), 0n, me, me]);
  const multisigIsm = await c.deploy(ism.abi, ism.bytecode, [opts.validators, opts.threshold]);
  const aggregationFactory = await c.deploy(agg.abi, agg.bytecode, []);
  await c.send({ address: aggregationFactory, abi: agg.abi, functionName: "deploy", args: [[merkleTreeHook]] });
  const defaultHook = (await c.publicClient.readContract({
    address: aggregationFactory,
    abi: agg.abi,
    functionName: "getAddress",
    args: [[merkleTreeHook]],
  })) as Address;
  await c.send({ address: mailbox, abi: mb.abi, functionName: "initialize", args: [me, multisigIsm, defaultHook, protocolFee] });
  const validatorAnnounce = await c.deploy(va.abi, va.bytecode, [mailbox]);
  const validator = privateKeyToAccount(LOCAL_VALIDATOR_KEY);
  if (opts.validators.some((v) => sameAddress(v, validator.address))) {
    // Anyone may send the announcement; the validator's signature over it is what counts.
    const location = localValidatorStorage(opts.domain);
    const digest = (await c.publicClient.readContract({
      address: validatorAnnounce,
      abi: va.abi,
      functionName: "getAnnouncementDigest",
      args: [location],
    })) as Hex;
    const signature = await validator.sign({ hash: digest });
    await c.send({ address: validatorAnnounce, abi: va.abi, functionName: "announce", args: [validator.address, location, signature] });
  }
  const relayer = privateKeyToAccount(LOCAL_RELAYER_KEY).address;
  const hash = await c.walletClient.sendTransaction({ to: relayer, value: parseEther("100") });
  await c.publicClient.waitForTransactionReceipt({ hash });
  opts.log?.(
    `Hyperlane (domain ${opts.domain}) Mailbox ${mailbox}  MerkleTreeHook ${merkleTreeHook}  ISM ${multisigIsm} (${opts.threshold} of ${opts.validators.length})`,
  );
  return { domain: opts.domain, mailbox, merkleTreeHook, defaultHook, protocolFee, multisigIsm, validatorAnnounce, deploymentBlock };
}

/** The claims chain A lists for chain B's tokens: lower LT than the local asset, and a supply cap. */
export const CLAIM_LISTINGS = [
  {
    asset: "WETH",
    symbol: "xWETH",
    name: "Keel claim: WETH on chain B",
    ltv: "0.7",
    liquidationThreshold: "0.75",
    maxDiscount: "0.1",
    supplyCap: "1000",
  },
  {
    asset: "WBTC",
    symbol: "xWBTC",
    name: "Keel claim: WBTC on chain B",
    ltv: "0.65",
    liquidationThreshold: "0.7",
    maxDiscount: "0.1",
    supplyCap: "50",
  },
] as const;

/**
 * The local keeper's inventory of the market's base (whole units): a claim has no pool on chain A to sell a seizure
 * into, so the keeper liquidates vaults holding claims with its own base and redeems the claims on chain B
 * (agents/keeper-claims.ts).
 */
export const KEEPER_BASE_INVENTORY = "250000";

/**
 * Chain A's half (run by `deployLocal`'s `beforeSupply`, while nobody has supplied to the market yet): Hyperlane core,
 * the CollateralGateway, one claim token per CLAIM_LISTINGS entry priced by the local asset's feed and listed in the
 * first market through the risk admin's own path (`setFeed`, `listCollateral`). Returns the gateway's part of the
 * cross-chain deployment. The claims stay out of the chain's deployment file's `assets`: they share the local asset's
 * feed, which the price simulator and the price history would otherwise move twice (crosschain.json lists them).
 */
export async function deployGatewaySide(
  c: Clients,
  keel: Deployment,
  opts: { remoteDomain: number; log?: (l: string) => void },
): Promise<CrossChainDeployment["gateway"]> {
  const log = opts.log ?? (() => {});
  const validator = privateKeyToAccount(LOCAL_VALIDATOR_KEY).address;
  const core = await deployHyperlaneCore(c, { domain: keel.chainId, validators: [validator], threshold: 1, log });
  const gatewayAbi = abiOf("CollateralGateway");
  const gateway = await c.deploy(gatewayAbi, bytecodeOf("CollateralGateway"), [core.mailbox, opts.remoteDomain, core.multisigIsm, c.account.address]);
  const market = keel.markets[0]!;
  await c.send({ address: gateway, abi: gatewayAbi, functionName: "addMarket", args: [market.address] });
  const riskAdmin = keel.contracts.riskAdmin!;
  const claims: CrossChainDeployment["gateway"]["claims"] = [];
  for (const l of CLAIM_LISTINGS) {
    const local = keel.assets.find((a) => a.symbol === l.asset)!;
    const receipt = await c.send({
      address: gateway,
      abi: gatewayAbi,
      functionName: "addClaim",
      args: [l.name, l.symbol, local.decimals],
    });
    const claim = claimAddressFrom(receipt.logs, gateway);
    // The claim is worth what the same asset is worth here: the local feed, its heartbeat and bounds.
    const f = await c.publicClient.readContract({
      address: keel.contracts.oracle,
      abi: keelOracleAbi,
      functionName: "feedConfig",
      args: [local.address],
    });
    await c.send({
      address: riskAdmin,
      abi: keelRiskAdminAbi,
      functionName: "setFeed",
      args: [claim, f.feed, f.heartbeat, BigInt(f.minAnswer), BigInt(f.maxAnswer)],
    });
    await c.send({
      address: riskAdmin,
      abi: keelRiskAdminAbi,
      functionName: "listCollateral",
      args: [
        market.address,
        claim,
        {
          ltv: parseUnits(l.ltv, 18),
          liquidationThreshold: parseUnits(l.liquidationThreshold, 18),
          maxDiscount: parseUnits(l.maxDiscount, 18),
          supplyCap: parseUnits(l.supplyCap, local.decimals),
        },
      ],
    });
    claims.push({ asset: l.asset, symbol: l.symbol, claim, market: market.address });
    log(
      `${l.symbol} ${claim} (claim on chain ${opts.remoteDomain}'s ${l.asset}; LT ${l.liquidationThreshold}, cap ${l.supplyCap}) in ${market.name}`,
    );
  }
  const base = keel.assets.find((a) => sameAddress(a.address, market.baseAsset))!;
  const keeper = privateKeyToAccount(AGENT_KEYS.keeper).address;
  await c.send({ address: base.address, abi: devErc20Abi, functionName: "mint", args: [keeper, parseUnits(KEEPER_BASE_INVENTORY, base.decimals)] });
  log(`CollateralGateway ${gateway}; the keeper holds ${KEEPER_BASE_INVENTORY} ${base.symbol} to liquidate claims`);
  return { chainId: keel.chainId, hyperlane: core, gateway, claims };
}

function claimAddressFrom(logs: readonly { address: Address; topics: readonly Hex[] }[], gateway: Address): Address {
  // ClaimAdded(address indexed claim, string name, string symbol): the claim is the first indexed topic.
  const log = logs.find((l) => sameAddress(l.address, gateway) && l.topics.length === 2);
  if (!log) throw new Error("addClaim emitted no ClaimAdded");
  return getAddress(`0x${log.topics[1]!.slice(26)}`);
}

/**
 * Chain B's half, once both chains are up: Hyperlane core there, the CollateralOutpost accepting WETH and WBTC, each
 * claim bound to its token, and the two routers enrolled with each other (once, permanently).
 */
export async function deployOutpostSide(
  a: Clients,
  b: Clients,
  gatewaySide: CrossChainDeployment["gateway"],
  remote: Deployment,
  opts: { log?: (l: string) => void } = {},
): Promise<CrossChainDeployment> {
  const log = opts.log ?? (() => {});
  const validator = privateKeyToAccount(LOCAL_VALIDATOR_KEY).address;
  const core = await deployHyperlaneCore(b, { domain: remote.chainId, validators: [validator], threshold: 1, log });
  const outpostAbi = abiOf("CollateralOutpost");
  const gatewayAbi = abiOf("CollateralGateway");
  const outpost = await b.deploy(outpostAbi, bytecodeOf("CollateralOutpost"), [
    core.mailbox,
    gatewaySide.chainId,
    core.multisigIsm,
    b.account.address,
  ]);
  const tokens: CrossChainDeployment["outpost"]["tokens"] = [];
  for (const c of gatewaySide.claims) {
    const token = remote.assets.find((x) => x.symbol === c.asset)!;
    await b.send({ address: outpost, abi: outpostAbi, functionName: "setSupported", args: [token.address, true] });
    await a.send({ address: gatewaySide.gateway, abi: gatewayAbi, functionName: "bindRemoteToken", args: [c.claim, token.address] });
    tokens.push({ asset: c.asset, token: token.address, decimals: token.decimals, claim: c.claim });
  }
  const asBytes32 = (x: Address) => `0x${x.slice(2).toLowerCase().padStart(64, "0")}` as Hex;
  await b.send({ address: outpost, abi: outpostAbi, functionName: "enrollRemoteRouter", args: [asBytes32(gatewaySide.gateway)] });
  await a.send({ address: gatewaySide.gateway, abi: gatewayAbi, functionName: "enrollRemoteRouter", args: [asBytes32(outpost)] });
  log(`CollateralOutpost ${outpost} on chain ${remote.chainId} ⇄ CollateralGateway ${gatewaySide.gateway} on chain ${gatewaySide.chainId}`);
  return { gateway: gatewaySide, outpost: { chainId: remote.chainId, hyperlane: core, outpost, tokens } };
}

/** Writes the cross-chain deployment beside the chains' deployment files. */
export function writeCrossChainDeployment(dir: string, d: CrossChainDeployment): string {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, "crosschain.json");
  writeFileSync(file, JSON.stringify(d, null, 2) + "\n");
  return file;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  writeHyperlaneArtifacts().then((dir) => console.log(`Hyperlane artifacts written to ${path.relative(repoRoot, dir)}`));
}

/**
 * The cross-chain part of a two-chain local deploy, in the order `deployLocal` runs: pass `beforeSupply` to chain A's
 * `deployLocal`, then call `finish` once chain B is deployed. Used by `npm run dev -- --chains 2`, the chain test and
 * `npm run bench:crosschain`.
 */
export function crossChainLocal(opts: { remoteDomain: number; log?: (l: string) => void }) {
  let gatewaySide: CrossChainDeployment["gateway"] | undefined;
  let chainA: Clients | undefined;
  return {
    beforeSupply: async (deployer: Clients, keel: Deployment) => {
      chainA = deployer;
      gatewaySide = await deployGatewaySide(deployer, keel, { remoteDomain: opts.remoteDomain, log: opts.log });
    },
    finish: async (b: Clients, remote: Deployment, outDir: string) => {
      if (!gatewaySide || !chainA) throw new Error("crossChainLocal: chain A was deployed without its beforeSupply hook");
      const d = await deployOutpostSide(chainA, b, gatewaySide, remote, { log: opts.log });
      return { deployment: d, file: writeCrossChainDeployment(outDir, d) };
    },
  };
}

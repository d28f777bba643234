import { parseAbi, type Address, type Hash, type PublicClient } from "viem";
import { getLogsPaged, LOG_PAGE_BLOCKS } from "./logs";
import type { PositionAction } from "./preview";
import type { ProtocolPosition } from "./view";
import { sameAddress } from "../config/address";

const aaveEvents = parseAbi([
  "event Supply(address indexed reserve, address user, address indexed onBehalfOf, uint256 amount, uint16 indexed referralCode)",
  "event Withdraw(address indexed reserve, address indexed user, address indexed to, uint256 amount)",
  "event Borrow(address indexed reserve, address user, address indexed onBehalfOf, uint256 amount, uint8 interestRateMode, uint256 borrowRate, uint16 indexed referralCode)",
  "event Repay(address indexed reserve, address indexed user, address indexed repayer, uint256 amount, bool useATokens)",
]);
const morphoEvents = parseAbi([
  "event SupplyCollateral(bytes32 indexed id, address indexed caller, address indexed onBehalf, uint256 assets)",
  "event WithdrawCollateral(bytes32 indexed id, address caller, address indexed onBehalf, address indexed receiver, uint256 assets)",
  "event Borrow(bytes32 indexed id, address caller, address indexed onBehalf, address indexed receiver, uint256 assets, uint256 shares)",
  "event Repay(bytes32 indexed id, address indexed caller, address indexed onBehalf, uint256 assets, uint256 shares)",
]);

/** One past action on a position, from the protocol's own events. */
export interface PositionEvent {
  blockNumber: bigint;
  logIndex: number;
  txHash: Hash;
  action: PositionAction;
  token: Address;
  amount: bigint;
}

const KIND: Record<string, PositionAction> = {
  Supply: "supply",
  SupplyCollateral: "supply",
  Withdraw: "withdraw",
  WithdrawCollateral: "withdraw",
  Borrow: "borrow",
  Repay: "repay",
};

/**
 * The position's supplies, withdrawals, borrows and repayments from `fromBlock` to the latest block, newest first: the
 * four events of the pool (Aave) or the singleton (Morpho) read in pages of `pageBlocks` blocks (lib/protocols/logs.ts:
 * real RPCs cap a query's range), kept when they are the account's (Aave: `onBehalfOf` / `user`; Morpho: this market
 * and `onBehalf`).
 */
export async function positionHistory(
  client: Pick<PublicClient, "getLogs" | "getBlockNumber">,
  p: ProtocolPosition,
  fromBlock: bigint,
  pageBlocks: bigint = LOG_PAGE_BLOCKS,
): Promise<PositionEvent[]> {
  const rows: PositionEvent[] = [];
  const toBlock = await client.getBlockNumber({ cacheTime: 0 });
  if (p.protocol === "aave-v3") {
    const { logs } = await getLogsPaged(client, { address: p.state.pool, events: aaveEvents, fromBlock, toBlock }, pageBlocks);
    for (const l of logs) {
      const a = l.args as { reserve?: Address; onBehalfOf?: Address; user?: Address; amount?: bigint };
      const mine = l.eventName === "Supply" || l.eventName === "Borrow" ? sameAddress(a.onBehalfOf, p.owner) : sameAddress(a.user, p.owner);
      if (mine && a.reserve && a.amount !== undefined)
        rows.push({
          blockNumber: l.blockNumber,
          logIndex: l.logIndex,
          txHash: l.transactionHash,
          action: KIND[l.eventName]!,
          token: a.reserve,
          amount: a.amount,
        });
    }
  } else {
    const s = p.state;
    const { logs } = await getLogsPaged(client, { address: s.morpho, events: morphoEvents, fromBlock, toBlock }, pageBlocks);
    for (const l of logs) {
      const a = l.args as { id?: string; onBehalf?: Address; assets?: bigint };
      if (a.id?.toLowerCase() !== s.id.toLowerCase() || !sameAddress(a.onBehalf, p.owner) || a.assets === undefined) continue;
      const collateral = l.eventName === "SupplyCollateral" || l.eventName === "WithdrawCollateral";
      rows.push({
        blockNumber: l.blockNumber,
        logIndex: l.logIndex,
        txHash: l.transactionHash,
        action: KIND[l.eventName]!,
        token: collateral ? s.collateralToken.address : s.loanToken.address,
        amount: a.assets,
      });
    }
  }
  return rows.sort((x, y) => (x.blockNumber === y.blockNumber ? y.logIndex - x.logIndex : x.blockNumber > y.blockNumber ? -1 : 1));
}

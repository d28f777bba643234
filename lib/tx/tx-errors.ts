import { BaseError, ContractFunctionRevertedError, UserRejectedRequestError, HttpRequestError, TimeoutError, type Abi } from "viem";

/** What went wrong with a transaction or a read, in words for the person using the app. */
export interface DescribedError {
  kind: "rejected" | "revert" | "rpc" | "dropped" | "unknown";
  /** The custom error's name when the contract reverted with one. */
  errorName?: string;
  /** In English (the one home of the words: this file). */
  message: string;
  /**
   * The message's key for other languages (messages/<locale>.json → "txErrors": `revert.<Name>`, `wallet.<Name>`,
   * `general.<what>`) and its values; none for a library's own text, which stays as the library wrote it.
   */
  key?: string;
  values?: Record<string, string | number | Date>;
}

/** A revert's arguments as message values `a0`, `a1`…: timestamps (the errors in TIMESTAMP_ARGS) as dates. */
const TIMESTAMP_ARGS: Record<string, number> = { StalePrice: 1, StaleProtocolPrice: 1, ChangeNotReady: 1, RuleExpired: 1 };
export function revertValues(errorName: string, args: readonly unknown[]): Record<string, string | Date> {
  return Object.fromEntries(args.map((a, i) => [`a${i}`, TIMESTAMP_ARGS[errorName] === i ? new Date(Number(a as bigint) * 1000) : String(a)]));
}

/** The English sentences that are not a contract's or a wallet's error. */
export const GENERAL_MESSAGES = {
  rejected: "You declined in your wallet. Nothing was sent.",
  refused: "The contract refused this transaction.",
  refusedReason: "The contract refused: {reason}",
  unknownRevert: "The contract refused: {name}.",
  rpc: "The network (RPC) is not answering. Check your connection and retry.",
  somethingWrong: "Something went wrong: nothing was sent.",
  codeUnavailable:
    "Part of the app could not be loaded (the connection dropped, or a new version was deployed): nothing was sent. Reload the page and retry.",
} as const;
/** An English sentence with its `{name}` placeholders filled from `values` (as the translations are, by next-intl). */
export const fillMessage = (text: string, values: Record<string, string>) => text.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? "");
const general = (key: keyof typeof GENERAL_MESSAGES, values: Record<string, string> = {}) => ({
  message: fillMessage(GENERAL_MESSAGES[key], values),
  key: `general.${key}`,
  values,
});

/** The app's own code for a transaction did not load (a chunk request failed): said in words, nothing was sent. */
export const codeUnavailable = (): DescribedError => ({ kind: "unknown", ...general("codeUnavailable") });

type Args = readonly unknown[];
const ts = (v: unknown) => new Date(Number(v as bigint) * 1000).toLocaleString();

/**
 * Every custom error Keel's contracts can revert with, in words. The one table of messages: a test fails when a
 * contract gains an error that is missing here.
 */
export const ERROR_MESSAGES: Record<string, (args: Args) => string> = {
  // KeelOracle
  ZeroFeed: () => "The feed address is zero.",
  InvalidHeartbeat: ([h]) => `A heartbeat of ${String(h)} s is not allowed.`,
  InvalidBounds: () => "The feed's answer bounds are invalid.",
  InvalidFeedDecimals: ([d]) => `A feed with ${String(d)} decimals is not supported.`,
  NoFeed: () => "This asset has no price feed.",
  FeedCallFailed: () => "The price feed did not answer.",
  NonPositivePrice: () => "The price feed reported zero or a negative price.",
  IncompleteRound: () => "The price feed's latest round is incomplete.",
  PriceFromFuture: () => "The price feed's timestamp is in the future.",
  StalePrice: ([, updatedAt]) => `The price is stale (last updated ${ts(updatedAt)}): borrowing and withdrawing are paused until it updates.`,
  PriceOutOfBounds: () => "The price is outside its sane bounds: borrowing and withdrawing are paused.",
  // KeelMarket (contracts/src/interfaces/IKeelMarket.sol)
  Unauthorized: () => "Only the vault's owner or an operator it authorised can do this.",
  VaultNotFound: ([id]) => `Vault #${String(id)} does not exist in this market.`,
  ZeroAmount: () => "The amount must be above zero.",
  InconsistentInput: () => "Give either an amount or a number of shares: not both, and not neither.",
  UnauthorizedLender: () => "Only the lender itself can withdraw this supply.",
  InsufficientSupplyShares: () => "This withdrawal is more than the supply you hold.",
  ZeroAddress: () => "An address is missing.",
  NotListed: () => "This asset is not accepted as collateral in this market.",
  InvalidCollateral: () => "This asset cannot be collateral in this market.",
  TooManyCollaterals: () => "The market already lists the most collaterals it can.",
  InvalidDecimals: () => "The token reports too many decimals.",
  InvalidCollateralParams: () => "These collateral parameters are outside the protocol's hard bounds.",
  InvalidRateModel: () => "This rate model is outside the protocol's hard bounds.",
  InvalidFees: () => "These fees are outside the protocol's hard bounds.",
  InvalidRiskDelay: () => "The risk delay is outside its bounds.",
  MarketHasDebt: () => "The market has debt: risk changes must go through the delay.",
  ChangeNotFound: () => "No pending risk change has this id.",
  ChangeNotReady: ([, at]) => `This risk change takes effect only at ${ts(at)}.`,
  SupplyCapExceeded: () => "This deposit would take the market above its supply cap for this collateral.",
  VaultCollateralTooLarge: () => "This deposit would take the vault's balance of this collateral above the most one vault may hold.",
  InsufficientCollateral: () => "The vault holds less of this collateral than the amount.",
  InsufficientLiquidity: () => "The market does not have that much available to lend or withdraw right now.",
  InsufficientReserves: () => "The reserves are below this amount.",
  ExceedsLtv: () => "This would take the vault beyond its maximum loan-to-value (a collateral without a fresh price counts as zero).",
  NotLiquidatable: () => "This vault is healthy (health factor ≥ 1): it cannot be liquidated.",
  NothingToRepay: () => "This vault has no debt to repay.",
  RepayBelowRequired: () => "This vault is so far underwater that the liquidation must repay more.",
  SeizedBelowMin: () => "The collateral seized would be below your minimum.",
  LiquidationLowersHealth: () =>
    "Seizing this collateral would lower the vault's health while another collateral it holds would raise it: liquidate that one first.",
  BorrowPaused: () => "Borrowing is paused in this market by its risk admin (an emergency measure). Repaying and withdrawing still work.",
  FlashLoanInBatch: () => "A flash loan cannot be taken inside a batch of market calls.",
  NotOffered: () => "This vault has not been offered to this address: its owner must offer it first.",
  NotRiskAdmin: () => "Only the market's risk admin may do this.",
  ChangeExpired: () => "This risk change's execution window has passed: it can only be cancelled.",
  FeedAlreadySet: () => "This asset already has a price feed: replacing it goes through a delayed proposal.",
  GuardianAlreadySet: () => "A guardian is already set: replacing it goes through a delayed proposal.",
  InvalidDelay: () => "The risk delay must be between 1 and 30 days.",
  MarketAlreadyAdded: () => "This market is already administered here.",
  MarketInUse: () => "Someone has already supplied to or borrowed from this market: this change goes through the delay.",
  MarketNotOurs: () => "This market's risk admin or oracle is not this contract's.",
  NotOwnerOrGuardian: () => "Only the risk admin's owner or its guardian may do this.",
  UnknownMarket: () => "This contract does not handle this market (not added, or removed).",
  // KeelRiskAdmin's steward and KeelRiskSteward
  NotSteward: () => "Only the risk steward may do this, once its authority has started.",
  StewardStepTooLarge: () => "A steward change cannot move LTV or the liquidation threshold by more than 5 points at once.",
  StewardChangeNoLongerSafer: () =>
    "This steward change was proposed as safer (short notice) but would now raise LTV or the liquidation threshold: it does not execute.",
  InvalidStewardConfig: () => "The steward's bounds are invalid: a step of at most 5 points and an interval of at least a day.",
  NotGovernance: () => "Only the risk admin's owner may do this.",
  NotAgent: () => "Only the steward's agent may propose changes.",
  StepTooLarge: () => "This moves LTV or the liquidation threshold by more than the steward's step.",
  TooSoon: () => "The steward changed this collateral too recently: wait for its interval.",
  ChangePending: () => "A change of this collateral is already pending: execute or cancel it first.",
  NothingToChange: () => "This proposal changes neither LTV nor the liquidation threshold.",
  // KeelReputation (the markets' reputation source)
  InvalidReputationConfig: () => "The reputation source's settings are invalid: an EAS contract, an attester and a bonus cap of at most 10 points.",
  NotEas: () => "Only the Ethereum Attestation Service contract may report attestations to the reputation source.",
  UnknownStewardChange: () => "This is not a pending change of the steward (executed, cancelled or never proposed).",
  CollateralChangedSince: () => "The collateral's discount or supply cap changed since this steward change was proposed: propose it again.",
  VaultCheckPending: () => "This vault is mid-batch and cannot be liquidated now.",
  Reentrancy: () => "Re-entrant call refused.",
  FlashLoanActive: () => "A flash loan is already running.",
  UnsupportedToken: () => "Flash loans are only offered in the market's base asset.",
  FlashCallbackFailed: () => "The flash borrower did not confirm the loan.",
  TransferAmountMismatch: () => "The token moved a different amount than asked (fee-on-transfer or rebasing tokens are not supported).",
  // Cross-chain collateral (contracts/src/crosschain)
  UnknownRemoteAsset: () => "The other chain's token has no claim here yet: the message waits and is delivered once it is bound.",
  NotAClaim: () => "This token is not a cross-chain claim of this gateway.",
  ClaimExists: () => "This claim or remote token is bound already.",
  ExceedsRefused: () => "That is more than the refused deposits waiting for you to send back.",
  NotMailbox: () => "Only the Hyperlane Mailbox may deliver messages.",
  ForeignOrigin: () => "The message comes from a chain this router does not talk to.",
  ForeignSender: () => "The message comes from a sender this router has not enrolled.",
  RouterNotEnrolled: () => "The cross-chain route is not set up yet (no remote router enrolled).",
  RouterAlreadyEnrolled: () => "The remote router is enrolled already and cannot change.",
  ZeroValue: () => "An amount or an address is missing.",
  UnsupportedAsset: () => "The outpost does not accept this token.",
  ReleaseExceedsLocked: () => "The release asks for more than the outpost holds.",
  NotGateway: () => "Only the gateway mints and burns claims.",
  NonTransferable: () => "Claims cannot be sent to another holder: deposit them into a vault or redeem them on their chain.",
  UnknownMessageKind: () => "The message is of an unknown kind.",
  // KeelLeverageRouter and the swap adapter
  NotVaultOwner: () => "Only the vault's owner can do this.",
  RouterNotOperator: () => "Authorise the leverage router on this market first (Multiply step 1).",
  UntrustedLender: () => "The router only accepts flash loans it asked for.",
  SwapShortfall: () => "The swap would not bring in enough to repay the flash loan: sell more, or repay less.",
  SlippageExceeded: () => "The pool price moved beyond your slippage bound: nothing was traded. Review the new price and retry.",
  MaxInputExceeded: () => "Buying back the debt would take more collateral than your slippage bound allows: nothing was traded.",
  NoPool: () => "There is no pool for this pair on the swap venue.",
  InsufficientPoolLiquidity: () => "The pool does not hold enough to pay this amount: lower the size.",
  // The Aave v3 and Morpho Blue leverage routers (contracts/src/periphery/LeverageRouterBase.sol and its two routers)
  OracleBoundTooWide: ([bps]) => `An oracle bound of ${String(bps)} bps is wider than the router allows (1000 bps, 10 %).`,
  OracleBoundExceeded: () =>
    "The pool's price is too far from the protocol's oracle price: nothing was traded. The oracle may be stale or the pool off; retry when they agree.",
  RouterNotAuthorized: () => "Authorise the leverage router on Morpho first (the authorisation step above).",
  DelegationTooLow: () =>
    "Your delegation to the leverage router is below what this transaction needs: grant it again (the authorisation steps above).",
  // KeelAutomation (the guard for every protocol) and its protocol adapters
  NotPositionOwner: () => "Only the position's owner can set or change its rules.",
  NotAuthorised: () =>
    "The owner has not authorised the protocol's automation adapter (or revoked it): the rule cannot run until it is authorised again.",
  BelowMinimum: () => "The position holds less collateral than the rule's minimum size: the rule does not fire.",
  TargetMissed: () => "After the movement the health factor would not be the rule's target: nothing was done.",
  PositionNotClosed: () => "The close would leave debt or collateral in the position: nothing was done.",
  ValueLost: () => "The execution would cost the owner more than the fee, flash fee and slippage bound allow: nothing was done.",
  AlreadyMovedThisBlock: () => "The guard already moved this position in this block; it can move it again from the next block.",
  UnexpectedLoan: () => "The flash-loan callback carried another token or amount than the adapter asked for: nothing was done.",
  NotGuard: () => "Only the automation guard may order this adapter to move a position.",
  UntrustedCallback: () => "The adapter only accepts flash-loan callbacks for loans it asked for.",
  StaleProtocolPrice: ([, updatedAt]) => `The protocol's price is stale (last updated ${ts(updatedAt)}): rules wait until it updates.`,
  NoProtocolPrice: () => "The protocol's oracle reports no price for this asset: rules wait.",
  NoRule: () => "This position has no such rule (it was removed, or a close already ran).",
  RulePaused: () => "This rule is paused: resume it to let it run.",
  RuleExpired: ([, validUntil]) => `This rule expired on ${ts(validUntil)}: set it again to keep the position protected.`,
  NonCanonicalPosition: () => "The position key is not in its exact encoding: rules are set on the key the app builds.",
  UncheckableOracle: () => "This Morpho market's oracle exposes no Chainlink feed the guard can check for staleness: rules cannot be set on it.",
  RuleOwnerChanged: () => "The position changed hands since the rule was set: the new owner must set their own.",
  NotTriggered: () => "The rule's condition does not hold at the oracle price now.",
  FeeAboveCap: () => "The executor asked for a fee above the rule's cap.",
  InvalidRule: ([reason]) => `The rule's settings are out of bounds (${String(reason)}).`,
  TargetUnreachable: () => "The position holds too little of this collateral to reach the target.",
  // KeelPrivatePool and its tree (contracts/src/privacy)
  AmountTooLarge: () => "The amount is too large for a private position (the proof's limit is 2^96 − 1 units).",
  StaleRoot: () =>
    "Another private action landed while this one was being proven (the pool accepts a proof only against its newest state). Nothing was spent: prove again.",
  NoteAlreadySpent: () => "This private note was already spent (by this proof or another one): reload your position.",
  NotInField: () => "A value of the proof is not a valid field element.",
  ZeroRecipient: () => "The recipient is the zero address.",
  DebtIndexAboveProof: () => "Interest accrued since the proof was made: prove again.",
  DebtIndexAboveCurrent: () => "The liquidation assumed more debt per share than the market has: prove again.",
  DebtIndexTooHigh: () => "The proof assumed more than 1% above the market's debt per share: prove again with the current figure.",
  BonusAboveDiscount: () =>
    "The market's maximum liquidation discount for this collateral is below the private pool's 5% liquidation bonus: the pool cannot be deployed on it.",
  DepositBelowMinimum: () => "The deposit is below the private pool's minimum (shown beside the amount): deposit at least that minimum.",
  BorrowBelowMinimum: () => "The borrow is below the private pool's minimum (shown beside the amount): borrow at least that minimum.",
  InvalidProof: () => "The proof does not match this action (the price, the amount or the note changed): prove again.",
  WrongDecimals: ([, , e]) => `A token does not have the decimals the private pool needs (${String(e)}).`,
  CollateralNotListed: () => "The market does not list this collateral.",
  UnknownRoot: () => "This note's proof was made against a root the pool no longer remembers (more than 256 actions landed since); prove again.",
  NotAnExit: () => "A close must leave the note empty (every share repaid, all the collateral out): plan the close again from the note as it is now.",
  // DevPriceFeed
  NoRound: () => "That price round does not exist.",
  TimestampInFuture: () => "The timestamp is in the future.",
  // OpenZeppelin (ERC20, ERC4626, Ownable, SafeERC20, ReentrancyGuard)
  ERC20InsufficientBalance: () => "Your wallet balance is too low for this amount.",
  ERC20InsufficientAllowance: () => "The approval is lower than this amount: approve first.",
  ERC20InvalidApprover: () => "Invalid approver.",
  ERC20InvalidReceiver: () => "Invalid receiver.",
  ERC20InvalidSender: () => "Invalid sender.",
  ERC20InvalidSpender: () => "Invalid spender.",
  ERC4626ExceededMaxDeposit: () => "More than the market accepts as a deposit.",
  ERC4626ExceededMaxMint: () => "More than the market can mint.",
  ERC4626ExceededMaxWithdraw: () => "More than you can withdraw now (your balance or the market's free liquidity).",
  ERC4626ExceededMaxRedeem: () => "More than you can redeem now (your shares or the market's free liquidity).",
  OwnableUnauthorizedAccount: () => "Only the risk admin may do this.",
  OwnableInvalidOwner: () => "Invalid owner.",
  SafeERC20FailedOperation: () => "The token transfer failed.",
  ReentrancyGuardReentrantCall: () => "Re-entrant call refused.",
  SafeCastOverflowedUintDowncast: () => "The amount is too large for the protocol to record.",
};

/** A custom error, by name and arguments, in words. */
export function describeRevert(errorName: string, args: Args = []): string {
  const f = ERROR_MESSAGES[errorName];
  return f ? f(args) : general("unknownRevert", { name: errorName }).message;
}

/**
 * Wallet and connector errors (wagmi, viem, EIP-1193 providers), by the error's class name, in words. Part of the
 * one table: every library error reaches the person as a sentence, never as "Connector not connected. Version: …".
 */
export const WALLET_MESSAGES: Record<string, string> = {
  ConnectorNotConnectedError: "Your wallet disconnected (or you switched accounts) before this step: nothing more was sent. Reconnect and retry.",
  ConnectorAccountNotFoundError: "The account that started this is no longer selected in your wallet: nothing more was sent. Switch back and retry.",
  ConnectorChainMismatchError: "Your wallet is on another network than the app expects: switch network and retry.",
  ConnectorNotFoundError: "No wallet is connected: connect one and retry.",
  ConnectorUnavailableReconnectingError: "Your wallet is reconnecting: wait a moment and retry.",
  ConnectorAlreadyConnectedError: "This wallet is already connected.",
  ChainNotConfiguredError: "This network is not configured in Keel.",
  ProviderNotFoundError: "No wallet was found in this browser: install or unlock one and retry.",
  SwitchChainNotSupportedError: "Your wallet cannot switch network from the app: switch it in the wallet and retry.",
  SwitchChainError: "Your wallet did not switch network: switch it in the wallet and retry.",
  ChainDisconnectedError: "Your wallet lost its connection to the network: retry in a moment.",
  ProviderDisconnectedError: "Your wallet is disconnected from every network: reconnect it and retry.",
  UnauthorizedProviderError: "Your wallet has not authorised this site for that account: reconnect and retry.",
  UnsupportedProviderMethodError: "Your wallet does not support this request.",
  UnsupportedChainIdError: "Your wallet does not know this network: add it in the wallet and retry.",
  ResourceUnavailableRpcError: "Your wallet is busy with another request: open it and finish or cancel that first.",
  InsufficientFundsError: "Your wallet does not hold enough ETH to pay for gas.",
  TransactionExecutionError: "Your wallet could not send the transaction.",
};

/** EIP-1193 / JSON-RPC error codes a wallet answers with, when the library did not give the error a class. */
const WALLET_CODES: Record<number, string> = {
  4100: "UnauthorizedProviderError",
  4200: "UnsupportedProviderMethodError",
  4900: "ProviderDisconnectedError",
  4901: "ChainDisconnectedError",
  4902: "UnsupportedChainIdError",
  [-32002]: "ResourceUnavailableRpcError",
};
const wallet = (name: string): DescribedError => ({ kind: "unknown", message: WALLET_MESSAGES[name]!, key: `wallet.${name}`, values: {} });

/** The error and every `cause` under it, outermost first. */
function chain(error: unknown): unknown[] {
  const out: unknown[] = [];
  for (let e = error; e !== undefined && e !== null && out.length < 16; e = (e as { cause?: unknown }).cause) out.push(e);
  return out;
}

/** A library message made readable: its short message (or first line), without "Version: …" / "Docs: …" lines. */
export function plainMessage(error: Error): string {
  const short = (error as { shortMessage?: string }).shortMessage || error.message;
  const line = short.split("\n").find((l) => l.trim() !== "" && !/^(Version|Docs|Details|URL|Request body|Raw Call Arguments):/i.test(l.trim()));
  const text = (line ?? "Something went wrong.").trim();
  return /[.!?…]$/.test(text) ? text : `${text}.`;
}

/** Turns any error from viem/wagmi/a wallet into one clear sentence, decoding custom errors by name through the ABI. */
export function describeError(error: unknown): DescribedError {
  const causes = chain(error);
  const rejected = causes.some(
    (e) =>
      e instanceof UserRejectedRequestError ||
      (e as { code?: unknown })?.code === 4001 ||
      (e instanceof Error && /user (rejected|denied)/i.test(e.message)),
  );
  if (rejected) return { kind: "rejected", ...general("rejected") };
  if (error instanceof BaseError) {
    const reverted = error.walk((e) => e instanceof ContractFunctionRevertedError);
    if (reverted instanceof ContractFunctionRevertedError) {
      const name = reverted.data?.errorName;
      if (name && name !== "Error" && name !== "Panic") {
        const args = reverted.data?.args ?? [];
        return { kind: "revert", errorName: name, message: describeRevert(name, args), key: `revert.${name}`, values: revertValues(name, args) };
      }
      return { kind: "revert", ...(reverted.reason ? general("refusedReason", { reason: reverted.reason }) : general("refused")) };
    }
    if (error.walk((e) => e instanceof HttpRequestError || e instanceof TimeoutError)) {
      return { kind: "rpc", ...general("rpc") };
    }
  }
  for (const e of causes) {
    const name = e instanceof Error ? e.name : undefined;
    if (name && WALLET_MESSAGES[name] && name !== "TransactionExecutionError") return wallet(name);
    const code = (e as { code?: unknown })?.code;
    if (typeof code === "number" && WALLET_CODES[code]) return wallet(WALLET_CODES[code]);
  }
  if (error instanceof Error) return { kind: "unknown", message: plainMessage(error) };
  return { kind: "unknown", ...general("somethingWrong") };
}

/** All custom error names in the given ABIs (for the completeness test). */
export function errorNames(...abis: Abi[]): string[] {
  return [...new Set(abis.flatMap((abi) => abi.filter((x) => x.type === "error").map((x) => (x as { name: string }).name)))];
}

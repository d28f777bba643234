// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {EngineBase} from "../engine/EngineBase.sol";
import {DevERC20} from "../../src/dev/DevERC20.sol";
import {CollateralParams} from "../../src/interfaces/IKeelMarket.sol";
import {IKeelMarket} from "../../src/interfaces/IKeelMarket.sol";
import {CollateralOutpost} from "../../src/crosschain/CollateralOutpost.sol";
import {CollateralGateway} from "../../src/crosschain/CollateralGateway.sol";
import {ClaimToken} from "../../src/crosschain/ClaimToken.sol";
import {HyperlaneRouter} from "../../src/crosschain/HyperlaneRouter.sol";
import {CrossChainMessage} from "../../src/crosschain/CrossChainMessage.sol";
import {IMailbox} from "@hyperlane-xyz/core/contracts/interfaces/IMailbox.sol";
import {IInterchainSecurityModule} from "@hyperlane-xyz/core/contracts/interfaces/IInterchainSecurityModule.sol";

/// @dev Cheatcodes this suite needs beyond contracts/test/utils/Test.sol's Vm (same address).
interface VmCrossChain {
    struct Log {
        bytes32[] topics;
        bytes data;
        address emitter;
    }

    function recordLogs() external;
    function getRecordedLogs() external returns (Log[] memory);
    function sign(uint256 privateKey, bytes32 digest) external pure returns (uint8 v, bytes32 r, bytes32 s);
    function parseJsonBytes(string calldata json, string calldata key) external pure returns (bytes memory);
}

interface IMerkleTreeHook {
    function latestCheckpoint() external view returns (bytes32 root, uint32 index);
}

interface IMailboxAdmin {
    function initialize(address owner, address defaultIsm, address defaultHook, address requiredHook) external;
    function setDefaultHook(address hook) external;
}

/// @dev Hyperlane's interchain gas paymaster and its storage gas oracle (the calls this suite makes).
interface IIgp {
    struct DomainGasConfig {
        address gasOracle;
        uint96 gasOverhead;
    }

    struct GasParam {
        uint32 remoteDomain;
        DomainGasConfig config;
    }

    function initialize(address owner, address beneficiary) external;
    function setDestinationGasConfigs(GasParam[] calldata configs) external;
}

interface IStorageGasOracle {
    struct RemoteGasDataConfig {
        uint32 remoteDomain;
        uint128 tokenExchangeRate;
        uint128 gasPrice;
    }

    function setRemoteGasData(RemoteGasDataConfig calldata config) external;
}

/// @notice The outpost (chain B) and gateway (chain A) through two real Hyperlane Mailboxes (the npm build of
/// Hyperlane core, from node_modules/.cache/keel/hyperlane: `npx tsx scripts/lib/deploy-hyperlane.ts`), each
/// with a MerkleTreeHook, a zero ProtocolFee and a 1-of-1 message-id multisig ISM of a validator this test signs as.
contract CrossChainCollateralTest is EngineBase {
    VmCrossChain internal constant vmx = VmCrossChain(address(uint160(uint256(keccak256("hevm cheat code")))));
    uint32 internal constant DOMAIN_A = 31337;
    uint32 internal constant DOMAIN_B = 31338;
    uint32 internal constant DOMAIN_C = 99;
    uint256 internal constant VALIDATOR_KEY = 0xA11CE;
    bytes32 internal constant DISPATCH_TOPIC = keccak256("Dispatch(address,uint32,bytes32,bytes)");

    struct Core {
        IMailbox mailbox;
        IMerkleTreeHook tree;
        address ism;
    }

    Core internal a;
    Core internal b;
    CollateralGateway internal gateway;
    CollateralOutpost internal outpost;
    DevERC20 internal wethB;
    DevERC20 internal wbtcB;
    ClaimToken internal xWeth;
    ClaimToken internal xWbtc;

    function setUp() public override {
        super.setUp();
        a = _core(DOMAIN_A);
        b = _core(DOMAIN_B);
        wethB = new DevERC20("Wrapped Ether", "WETH", 18);
        wbtcB = new DevERC20("Wrapped BTC", "WBTC", 8);

        gateway = new CollateralGateway(a.mailbox, DOMAIN_B, IInterchainSecurityModule(a.ism), ADMIN);
        outpost = new CollateralOutpost(b.mailbox, DOMAIN_A, IInterchainSecurityModule(b.ism), ADMIN);
        vm.startPrank(ADMIN);
        gateway.addMarket(address(market));
        xWeth = gateway.addClaim("Keel claim: WETH on B", "xWETH", 18);
        xWbtc = gateway.addClaim("Keel claim: WBTC on B", "xWBTC", 8);
        gateway.bindRemoteToken(address(xWeth), address(wethB));
        outpost.setSupported(address(wethB), true);
        outpost.setSupported(address(wbtcB), true);
        gateway.enrollRemoteRouter(_b32(address(outpost)));
        outpost.enrollRemoteRouter(_b32(address(gateway)));
        vm.stopPrank();

        // Listed through the risk admin's own path, like any collateral: the local asset's feed, a lower LT, a cap.
        vm.startPrank(ADMIN);
        riskAdmin.setFeed(address(xWeth), ethFeed, 1 hours, 1e8, 1_000_000e8);
        riskAdmin.setFeed(address(xWbtc), btcFeed, 1 hours, 1e8, 10_000_000e8);
        vm.stopPrank();
        _setCollateral(address(xWeth), CollateralParams(0.7e18, 0.75e18, 0.1e18, 1_000e18));
        _setCollateral(address(xWbtc), CollateralParams(0.65e18, 0.7e18, 0.1e18, 50e8));
    }

    /* ---------- harness: Hyperlane core from its npm build, a validator, a relayer ---------- */

    function _artifact(string memory name) internal view returns (bytes memory) {
        string memory json = vm.readFile(string.concat("../node_modules/.cache/keel/hyperlane/", name, ".json"));
        return vmx.parseJsonBytes(json, ".bytecode");
    }

    function _create(bytes memory code) internal returns (address at) {
        assembly ("memory-safe") {
            at := create(0, add(code, 32), mload(code))
        }
        require(at != address(0), "create failed");
    }

    function _core(uint32 domain) internal returns (Core memory c) {
        c.mailbox = IMailbox(_create(abi.encodePacked(_artifact("Mailbox"), abi.encode(domain))));
        c.tree = IMerkleTreeHook(_create(abi.encodePacked(_artifact("MerkleTreeHook"), abi.encode(c.mailbox))));
        address fee = _create(
            abi.encodePacked(_artifact("ProtocolFee"), abi.encode(0.01 ether, 0, address(this), address(this)))
        );
        address[] memory validators = new address[](1);
        validators[0] = vm.addr(VALIDATOR_KEY);
        c.ism = _create(abi.encodePacked(_artifact("StorageMessageIdMultisigIsm"), abi.encode(validators, uint8(1))));
        IMailboxAdmin(address(c.mailbox)).initialize(address(this), c.ism, fee, address(c.tree));
    }

    function _b32(address x) internal pure returns (bytes32) {
        return bytes32(uint256(uint160(x)));
    }

    /// @dev The message of the last Dispatch among the recorded logs, and the checkpoint the validator signs for it.
    function _lastDispatch(Core memory origin) internal returns (bytes memory message, bytes memory metadata) {
        VmCrossChain.Log[] memory logs = vmx.getRecordedLogs();
        for (uint256 i = logs.length; i > 0; --i) {
            if (logs[i - 1].topics[0] == DISPATCH_TOPIC && logs[i - 1].emitter == address(origin.mailbox)) {
                message = abi.decode(logs[i - 1].data, (bytes));
                break;
            }
        }
        require(message.length > 0, "no Dispatch recorded");
        metadata = _sign(origin, message, VALIDATOR_KEY);
    }

    /// @dev Message-id multisig metadata: origin tree, checkpoint root, index, then the signature.
    function _sign(Core memory origin, bytes memory message, uint256 key) internal view returns (bytes memory) {
        (bytes32 root, uint32 index) = origin.tree.latestCheckpoint();
        uint32 originDomain = origin.mailbox.localDomain();
        bytes32 domainHash = keccak256(abi.encodePacked(originDomain, _b32(address(origin.tree)), "HYPERLANE"));
        bytes32 digest = keccak256(abi.encodePacked(domainHash, root, index, keccak256(message)));
        (uint8 v, bytes32 r, bytes32 s) =
            vmx.sign(key, keccak256(abi.encodePacked("\x19Ethereum Signed Message:\n32", digest)));
        return abi.encodePacked(_b32(address(origin.tree)), root, index, r, s, v);
    }

    function _depositOnB(address who, DevERC20 token, uint256 amount, uint256 vaultId)
        internal
        returns (bytes memory message, bytes memory metadata)
    {
        token.mint(who, amount);
        vm.startPrank(who);
        token.approve(address(outpost), amount);
        vmx.recordLogs();
        outpost.deposit(address(token), amount, address(market), vaultId, who);
        vm.stopPrank();
        return _lastDispatch(b);
    }

    function _withdrawOnA(address who, uint256 vaultId, uint256 amount)
        internal
        returns (bytes memory message, bytes memory metadata)
    {
        vm.startPrank(who);
        market.setOperator(address(gateway), true);
        vmx.recordLogs();
        gateway.withdraw(address(market), vaultId, address(xWeth), amount, who);
        vm.stopPrank();
        return _lastDispatch(a);
    }

    function _openEmpty(address who) internal returns (uint256 id) {
        vm.prank(who);
        id = market.openVault();
    }

    /* ---------- credit ---------- */

    function test_depositOnBCreditsVaultOnA() public {
        uint256 id = _openEmpty(ALICE);
        (bytes memory m, bytes memory md) = _depositOnB(ALICE, wethB, 10e18, id);
        assertEq(market.collateralOf(id, address(xWeth)), 0, "nothing counted while in flight");
        assertEq(outpost.locked(address(wethB)), 10e18, "locked on B at once");
        a.mailbox.process(md, m);
        assertEq(market.collateralOf(id, address(xWeth)), 10e18, "claims in the vault");
        assertEq(xWeth.totalSupply(), outpost.locked(address(wethB)), "claims == locked");
        // $30,000 at 70% LTV: 21,000 USDC borrowable, not a cent more.
        vm.prank(ALICE);
        vm.expectPartialRevert(IKeelMarket.ExceedsLtv.selector);
        market.borrow(id, 21_000e6 + 1, ALICE);
        _borrow(ALICE, id, 21_000e6);
        assertEq(usdc.balanceOf(ALICE), 21_000e6);
    }

    function test_forgedSignatureRefused() public {
        uint256 id = _openEmpty(ALICE);
        (bytes memory m,) = _depositOnB(ALICE, wethB, 1e18, id);
        bytes memory forged = _sign(b, m, 0xBAD);
        vm.expectRevert(bytes("!threshold"));
        a.mailbox.process(forged, m);
    }

    function test_replayRefused() public {
        uint256 id = _openEmpty(ALICE);
        (bytes memory m, bytes memory md) = _depositOnB(ALICE, wethB, 1e18, id);
        a.mailbox.process(md, m);
        vm.expectRevert(bytes("Mailbox: already delivered"));
        a.mailbox.process(md, m);
        assertEq(market.collateralOf(id, address(xWeth)), 1e18, "credited once");
    }

    function test_onlyMailboxMayCallHandle() public {
        bytes memory body = abi.encode(uint8(1), address(wethB), uint256(1e18), ALICE, address(market), uint256(1), 1);
        vm.expectRevert(abi.encodeWithSelector(HyperlaneRouter.NotMailbox.selector, address(this)));
        gateway.handle(DOMAIN_B, _b32(address(outpost)), body);
        vm.prank(address(a.mailbox));
        vm.expectRevert(abi.encodeWithSelector(HyperlaneRouter.ForeignSender.selector, _b32(BOB)));
        gateway.handle(DOMAIN_B, _b32(BOB), body);
    }

    function test_foreignSenderRefused() public {
        // Another outpost on chain B, enrolled with the real gateway: a valid, signed message from an unenrolled sender.
        CollateralOutpost rogue = new CollateralOutpost(b.mailbox, DOMAIN_A, IInterchainSecurityModule(b.ism), BOB);
        vm.startPrank(BOB);
        rogue.setSupported(address(wethB), true);
        rogue.enrollRemoteRouter(_b32(address(gateway)));
        vm.stopPrank();
        uint256 id = _openEmpty(BOB);
        wethB.mint(BOB, 1e18);
        vm.startPrank(BOB);
        wethB.approve(address(rogue), 1e18);
        vmx.recordLogs();
        rogue.deposit(address(wethB), 1e18, address(market), id, BOB);
        vm.stopPrank();
        (bytes memory m, bytes memory md) = _lastDispatch(b);
        vm.expectRevert(abi.encodeWithSelector(HyperlaneRouter.ForeignSender.selector, _b32(address(rogue))));
        a.mailbox.process(md, m);
    }

    function test_foreignOriginRefused() public {
        // The same outpost code on a third chain, at an address enrolled nowhere but signed by the same validator.
        Core memory c = _core(DOMAIN_C);
        CollateralOutpost other = new CollateralOutpost(c.mailbox, DOMAIN_A, IInterchainSecurityModule(c.ism), BOB);
        vm.startPrank(BOB);
        other.setSupported(address(wethB), true);
        other.enrollRemoteRouter(_b32(address(gateway)));
        vm.stopPrank();
        wethB.mint(BOB, 1e18);
        vm.startPrank(BOB);
        wethB.approve(address(other), 1e18);
        vmx.recordLogs();
        other.deposit(address(wethB), 1e18, address(market), 1, BOB);
        vm.stopPrank();
        (bytes memory m, bytes memory md) = _lastDispatch(c);
        vm.expectRevert(abi.encodeWithSelector(HyperlaneRouter.ForeignOrigin.selector, DOMAIN_C));
        a.mailbox.process(md, m);
    }

    function test_messagesDeliveredOutOfOrder() public {
        uint256 id = _openEmpty(ALICE);
        (bytes memory m1, bytes memory md1) = _depositOnB(ALICE, wethB, 1e18, id);
        (bytes memory m2, bytes memory md2) = _depositOnB(ALICE, wethB, 2e18, id);
        a.mailbox.process(md2, m2);
        assertEq(market.collateralOf(id, address(xWeth)), 2e18);
        a.mailbox.process(md1, m1);
        assertEq(market.collateralOf(id, address(xWeth)), 3e18);
        assertEq(gateway.credited(address(xWeth)), outpost.deposited(address(wethB)), "totals reconcile");
    }

    /* ---------- credits the vault cannot take land in the account's hands ---------- */

    function test_creditBeyondCapGoesToAccount() public {
        uint256 id = _openEmpty(ALICE);
        (bytes memory m, bytes memory md) = _depositOnB(ALICE, wethB, 1_001e18, id);
        a.mailbox.process(md, m);
        assertEq(market.collateralOf(id, address(xWeth)), 0, "cap kept");
        assertEq(xWeth.balanceOf(ALICE), 1_001e18, "claims in the account");
        // ... and redeemable back to chain B in full.
        vm.prank(ALICE);
        vmx.recordLogs();
        gateway.redeem(address(xWeth), 1_001e18, ALICE);
        (bytes memory r, bytes memory rmd) = _lastDispatch(a);
        b.mailbox.process(rmd, r);
        assertEq(wethB.balanceOf(ALICE), 1_001e18);
        assertEq(outpost.locked(address(wethB)), 0);
    }

    function test_creditOfMissingVaultGoesToAccount() public {
        (bytes memory m, bytes memory md) = _depositOnB(ALICE, wethB, 1e18, 999);
        a.mailbox.process(md, m);
        assertEq(xWeth.balanceOf(ALICE), 1e18);
    }

    function test_unboundTokenFailsThenRetries() public {
        uint256 id = _openEmpty(ALICE);
        (bytes memory m, bytes memory md) = _depositOnB(ALICE, wbtcB, 1e8, id);
        vm.expectRevert(abi.encodeWithSelector(CollateralGateway.UnknownRemoteAsset.selector, address(wbtcB)));
        a.mailbox.process(md, m);
        vm.prank(ADMIN);
        gateway.bindRemoteToken(address(xWbtc), address(wbtcB));
        a.mailbox.process(md, m); // the failed message is delivered again, once
        assertEq(market.collateralOf(id, address(xWbtc)), 1e8);
    }

    /* ---------- withdrawal and release ---------- */

    function test_withdrawReleasesOnB() public {
        uint256 id = _openEmpty(ALICE);
        (bytes memory m, bytes memory md) = _depositOnB(ALICE, wethB, 10e18, id);
        a.mailbox.process(md, m);
        _borrow(ALICE, id, 10_500e6); // needs 5 WETH of claims at 70%
        vm.startPrank(ALICE);
        market.setOperator(address(gateway), true);
        vm.expectPartialRevert(IKeelMarket.ExceedsLtv.selector);
        gateway.withdraw(address(market), id, address(xWeth), 5e18 + 1e12, ALICE);
        vm.stopPrank();
        (bytes memory r, bytes memory rmd) = _withdrawOnA(ALICE, id, 5e18);
        // Burned on A before the message left: nothing is counted twice while it is in flight.
        assertEq(market.collateralOf(id, address(xWeth)), 5e18);
        assertEq(xWeth.totalSupply(), 5e18);
        assertEq(outpost.locked(address(wethB)), 10e18, "still locked until delivered");
        b.mailbox.process(rmd, r);
        assertEq(wethB.balanceOf(ALICE), 5e18);
        assertEq(outpost.locked(address(wethB)), xWeth.totalSupply(), "reconciled");
        vm.expectRevert(bytes("Mailbox: already delivered"));
        b.mailbox.process(rmd, r);
    }

    function test_withdrawOnlyByVaultOwner() public {
        uint256 id = _openEmpty(ALICE);
        (bytes memory m, bytes memory md) = _depositOnB(ALICE, wethB, 1e18, id);
        a.mailbox.process(md, m);
        vm.prank(ALICE);
        market.setOperator(address(gateway), true);
        vm.prank(BOB);
        vm.expectRevert(abi.encodeWithSelector(CollateralGateway.NotVaultOwner.selector, id, BOB));
        gateway.withdraw(address(market), id, address(xWeth), 1e18, BOB);
    }

    function test_releaseOnlyFromGateway() public {
        // A Release body delivered by B's mailbox from anyone but the enrolled gateway is refused.
        bytes memory body = abi.encode(uint8(2), address(wethB), uint256(1e18), BOB, address(0), uint256(0), 1);
        vm.prank(address(b.mailbox));
        vm.expectRevert(abi.encodeWithSelector(HyperlaneRouter.ForeignSender.selector, _b32(BOB)));
        outpost.handle(DOMAIN_A, _b32(BOB), body);
        vm.prank(address(b.mailbox));
        vm.expectRevert(abi.encodeWithSelector(HyperlaneRouter.ForeignOrigin.selector, DOMAIN_C));
        outpost.handle(DOMAIN_C, _b32(address(gateway)), body);
    }

    /* ---------- liquidation ---------- */

    function test_liquidatorRedeemsSeizedClaimsOnB() public {
        uint256 id = _openEmpty(ALICE);
        (bytes memory m, bytes memory md) = _depositOnB(ALICE, wethB, 10e18, id);
        a.mailbox.process(md, m);
        _borrow(ALICE, id, 21_000e6);
        ethFeed.setAnswer(2_500e8); // HF = 25,000 × 0.75 / 21,000 < 1
        assertLt(_hf(id), WAD, "liquidatable");
        usdc.mint(LIQUIDATOR, 30_000e6);
        vm.startPrank(LIQUIDATOR);
        usdc.approve(address(market), type(uint256).max);
        (, uint256 seized) = market.liquidate(id, address(xWeth), 30_000e6, 0);
        assertGt(seized, 0, "seized");
        assertEq(xWeth.balanceOf(LIQUIDATOR), seized);
        vmx.recordLogs();
        gateway.redeem(address(xWeth), seized, LIQUIDATOR);
        vm.stopPrank();
        (bytes memory r, bytes memory rmd) = _lastDispatch(a);
        b.mailbox.process(rmd, r);
        assertEq(wethB.balanceOf(LIQUIDATOR), seized, "seized claims redeemed for WETH on B");
        assertEq(outpost.locked(address(wethB)), xWeth.totalSupply(), "reconciled");
        assertEq(gateway.redeemed(address(xWeth)), outpost.released(address(wethB)));
    }

    /* ---------- the claim as an attacker sees it ---------- */

    function test_claimNotTransferableBetweenHolders() public {
        uint256 id = _openEmpty(ALICE);
        (bytes memory m, bytes memory md) = _depositOnB(ALICE, wethB, 2e18, id);
        a.mailbox.process(md, m);
        vm.startPrank(ALICE);
        market.withdrawCollateral(id, address(xWeth), 1e18, ALICE);
        vm.expectRevert(abi.encodeWithSelector(ClaimToken.NonTransferable.selector, ALICE, BOB));
        xWeth.transfer(BOB, 1e18);
        xWeth.approve(BOB, 1e18);
        vm.stopPrank();
        vm.prank(BOB);
        vm.expectRevert(abi.encodeWithSelector(ClaimToken.NonTransferable.selector, ALICE, BOB));
        xWeth.transferFrom(ALICE, BOB, 1e18);
        vm.expectRevert(abi.encodeWithSelector(ClaimToken.NotGateway.selector, BOB));
        vm.prank(BOB);
        xWeth.mint(BOB, 1);
        // Back into a vault is allowed (a market deposit).
        vm.startPrank(ALICE);
        xWeth.approve(address(market), 1e18);
        market.depositCollateral(id, address(xWeth), 1e18);
        vm.stopPrank();
        assertEq(market.collateralOf(id, address(xWeth)), 2e18);
    }

    function test_cannotRedeemMoreThanHeld() public {
        uint256 id = _openEmpty(ALICE);
        (bytes memory m, bytes memory md) = _depositOnB(ALICE, wethB, 1e18, id);
        a.mailbox.process(md, m);
        vm.prank(BOB);
        vm.expectRevert(); // ERC20InsufficientBalance
        gateway.redeem(address(xWeth), 1e18, BOB);
        vm.prank(BOB);
        vm.expectRevert(abi.encodeWithSelector(CollateralGateway.NotAClaim.selector, address(wethB)));
        gateway.redeem(address(wethB), 1, BOB);
    }

    function test_zeroAndUnsupportedRefused() public {
        vm.startPrank(ALICE);
        vm.expectRevert(HyperlaneRouter.ZeroValue.selector);
        outpost.deposit(address(wethB), 0, address(market), 1, ALICE);
        vm.expectRevert(HyperlaneRouter.ZeroValue.selector);
        outpost.deposit(address(wethB), 1, address(market), 1, address(0));
        vm.expectRevert(abi.encodeWithSelector(CollateralOutpost.UnsupportedAsset.selector, address(usdc)));
        outpost.deposit(address(usdc), 1, address(market), 1, ALICE);
        vm.expectRevert(HyperlaneRouter.ZeroValue.selector);
        gateway.redeem(address(xWeth), 0, ALICE);
        vm.stopPrank();
        vm.prank(ADMIN);
        vm.expectRevert(abi.encodeWithSelector(HyperlaneRouter.RouterAlreadyEnrolled.selector, _b32(address(outpost))));
        gateway.enrollRemoteRouter(_b32(BOB));
    }

    function testFuzz_depositWithdrawReconciles(uint256 amount) public {
        amount = bound(amount, 1, 1_000e18);
        uint256 id = _openEmpty(ALICE);
        (bytes memory m, bytes memory md) = _depositOnB(ALICE, wethB, amount, id);
        a.mailbox.process(md, m);
        (bytes memory r, bytes memory rmd) = _withdrawOnA(ALICE, id, amount);
        b.mailbox.process(rmd, r);
        assertEq(wethB.balanceOf(ALICE), amount);
        assertEq(outpost.locked(address(wethB)), 0);
        assertEq(xWeth.totalSupply(), 0);
    }

    /* ---------- X-1: the fee is paid with headroom, the excess refunded; the gas paid for is the measured one ---------- */

    /// @dev The interchain gas paymaster as `origin`'s default hook, charging `gasPrice` wei per gas of `destination`
    /// (exchange rate 1:1).
    function _useIgp(Core memory origin, uint32 destination, uint128 gasPrice) internal returns (address igp) {
        address oracle = _create(_artifact("StorageGasOracle"));
        IStorageGasOracle(oracle).setRemoteGasData(IStorageGasOracle.RemoteGasDataConfig(destination, 1e10, gasPrice));
        igp = _create(_artifact("InterchainGasPaymaster"));
        IIgp(igp).initialize(address(this), address(this));
        IIgp.GasParam[] memory params = new IIgp.GasParam[](1);
        params[0] = IIgp.GasParam(destination, IIgp.DomainGasConfig(oracle, 0));
        IIgp(igp).setDestinationGasConfigs(params);
        IMailboxAdmin(address(origin.mailbox)).setDefaultHook(igp);
    }

    function test_depositFeeAboveQuoteIsRefunded() public {
        // The local default hook charges nothing: any value sent is excess, refunded to the depositor.
        uint256 id = _openEmpty(ALICE);
        wethB.mint(ALICE, 1e18);
        vm.deal(ALICE, 1 ether);
        vm.startPrank(ALICE);
        wethB.approve(address(outpost), 1e18);
        outpost.deposit{value: 1 ether}(address(wethB), 1e18, address(market), id, ALICE);
        vm.stopPrank();
        assertEq(ALICE.balance, 1 ether, "refunded in full");
        assertEq(address(outpost).balance, 0);
    }

    function test_igpPaidForCreditGasWithHeadroomRefunded() public {
        uint128 gasPrice = 2 gwei;
        address igp = _useIgp(b, DOMAIN_A, gasPrice);
        uint256 id = _openEmpty(ALICE);
        uint256 quote = outpost.quoteDeposit(address(wethB), 1e18, address(market), id, ALICE);
        assertEq(quote, CrossChainMessage.CREDIT_GAS_LIMIT * gasPrice, "paid for the Credit's measured gas");
        wethB.mint(ALICE, 1e18);
        vm.deal(ALICE, quote * 2);
        vm.startPrank(ALICE);
        wethB.approve(address(outpost), 1e18);
        outpost.deposit{value: quote * 2}(address(wethB), 1e18, address(market), id, ALICE);
        vm.stopPrank();
        assertEq(ALICE.balance, quote, "headroom refunded to the depositor");
        assertEq(igp.balance, quote, "the paymaster got the quote");
        vm.deal(ALICE, quote - 1);
        wethB.mint(ALICE, 1e18);
        vm.startPrank(ALICE);
        wethB.approve(address(outpost), 1e18);
        vm.expectRevert(bytes("IGP: insufficient interchain gas payment"));
        outpost.deposit{value: quote - 1}(address(wethB), 1e18, address(market), id, ALICE);
        vm.stopPrank();
    }

    function test_igpPaidForReleaseGasWithHeadroomRefunded() public {
        uint128 gasPrice = 3 gwei;
        uint256 id = _openEmpty(ALICE);
        (bytes memory m, bytes memory md) = _depositOnB(ALICE, wethB, 2e18, id);
        a.mailbox.process(md, m);
        address igp = _useIgp(a, DOMAIN_B, gasPrice);
        uint256 quote = gateway.quoteRelease(address(xWeth), 1e18, ALICE);
        assertEq(quote, CrossChainMessage.RELEASE_GAS_LIMIT * gasPrice, "paid for the Release's measured gas");
        vm.deal(ALICE, quote + 1 ether);
        vm.startPrank(ALICE);
        market.setOperator(address(gateway), true);
        gateway.withdraw{value: quote + 1 ether}(address(market), id, address(xWeth), 1e18, ALICE);
        market.withdrawCollateral(id, address(xWeth), 1e18, ALICE);
        vm.deal(ALICE, quote + 5);
        gateway.redeem{value: quote + 5}(address(xWeth), 1e18, ALICE);
        vm.stopPrank();
        assertEq(ALICE.balance, 5, "headroom refunded on withdraw and redeem");
        assertEq(igp.balance, 2 * quote);
    }

    /// @dev Calls `handle` as the Mailbox with exactly `gasLimit` gas and every contract it touches cold; returns the
    /// gas it used.
    function _handleCold(HyperlaneRouter router, uint32 origin, bytes32 sender, bytes memory body, uint256 gasLimit)
        internal
        returns (uint256 used)
    {
        vm.cool(address(router));
        vm.cool(address(market));
        vm.cool(address(xWeth));
        vm.cool(address(wethB));
        vm.cool(address(weth));
        vm.cool(address(oracle));
        vm.cool(address(ethFeed));
        vm.cool(address(usdc));
        vm.prank(address(router) == address(gateway) ? address(a.mailbox) : address(b.mailbox));
        uint256 before = gasleft();
        router.handle{gas: gasLimit}(origin, sender, body);
        used = before - gasleft();
    }

    function _creditBody(uint256 amount, uint256 vaultId, address account) internal view returns (bytes memory) {
        return CrossChainMessage.encode(
            CrossChainMessage.Body(
                CrossChainMessage.CREDIT, address(wethB), amount, account, address(market), vaultId, 1, 18
            )
        );
    }

    function test_creditHandleFitsItsGasLimit() public {
        // The costliest Credit: the claim's first deposit into a vault that already holds another collateral and
        // debt (the market adds a collateral slot and reads prices), every slot cold.
        uint256 id = _openWith(ALICE, weth, 1e18);
        _borrow(ALICE, id, 100e6);
        uint256 used = _handleCold(
            gateway, DOMAIN_B, _b32(address(outpost)), _creditBody(1e18, id, ALICE), CrossChainMessage.CREDIT_GAS_LIMIT
        );
        assertEq(market.collateralOf(id, address(xWeth)), 1e18, "deposited in the vault within the limit");
        assertLe(used * 3 / 2, CrossChainMessage.CREDIT_GAS_LIMIT, "limit keeps a 50% margin over the measured cost");
    }

    function test_creditFallbackFitsItsGasLimit() public {
        // A vault the credit cannot enter (cap reached): the deposit reverts inside the try and the claims go to the
        // account; the failed attempt's gas counts too.
        uint256 id = _openEmpty(ALICE);
        uint256 used = _handleCold(
            gateway,
            DOMAIN_B,
            _b32(address(outpost)),
            _creditBody(1_001e18, id, ALICE),
            CrossChainMessage.CREDIT_GAS_LIMIT
        );
        assertEq(xWeth.balanceOf(ALICE), 1_001e18, "claims to the account within the limit");
        assertLe(used * 3 / 2, CrossChainMessage.CREDIT_GAS_LIMIT, "limit keeps a 50% margin over the measured cost");
    }

    function test_releaseHandleFitsItsGasLimit() public {
        uint256 id = _openEmpty(ALICE);
        (bytes memory m, bytes memory md) = _depositOnB(ALICE, wethB, 1e18, id);
        a.mailbox.process(md, m);
        bytes memory body = CrossChainMessage.encode(
            CrossChainMessage.Body(CrossChainMessage.RELEASE, address(wethB), 1e18, BOB, address(0), 0, 1, 0)
        );
        uint256 used = _handleCold(outpost, DOMAIN_A, _b32(address(gateway)), body, CrossChainMessage.RELEASE_GAS_LIMIT);
        assertEq(wethB.balanceOf(BOB), 1e18, "released within the limit");
        assertLe(used * 3 / 2, CrossChainMessage.RELEASE_GAS_LIMIT, "limit keeps a 50% margin over the measured cost");
    }

    /* ---------- X-2: the module is pinned, markets can be removed without trapping claims ---------- */

    function test_zeroIsmRefused() public {
        vm.expectRevert(HyperlaneRouter.ZeroValue.selector);
        new CollateralOutpost(b.mailbox, DOMAIN_A, IInterchainSecurityModule(address(0)), BOB);
        vm.expectRevert(HyperlaneRouter.ZeroValue.selector);
        new CollateralGateway(a.mailbox, DOMAIN_B, IInterchainSecurityModule(address(0)), BOB);
    }

    function test_removedMarketTakesNothingNewButClaimsLeave() public {
        uint256 id = _openEmpty(ALICE);
        (bytes memory m, bytes memory md) = _depositOnB(ALICE, wethB, 4e18, id);
        a.mailbox.process(md, m);
        vm.prank(BOB);
        vm.expectRevert(); // OwnableUnauthorizedAccount
        gateway.removeMarket(address(market));
        vm.prank(ADMIN);
        gateway.removeMarket(address(market));
        assertFalse(gateway.isMarket(address(market)), "removed");
        vm.prank(ADMIN);
        vm.expectRevert(abi.encodeWithSelector(CollateralGateway.UnknownMarket.selector, address(market)));
        gateway.removeMarket(address(market));
        // A new credit for the removed market goes to the account.
        (m, md) = _depositOnB(ALICE, wethB, 1e18, id);
        a.mailbox.process(md, m);
        assertEq(market.collateralOf(id, address(xWeth)), 4e18, "no credit into a removed market");
        assertEq(xWeth.balanceOf(ALICE), 1e18, "credited to the account");
        // Claims cannot go into it any more...
        vm.startPrank(ALICE);
        xWeth.approve(address(market), 1e18);
        vm.expectRevert(abi.encodeWithSelector(ClaimToken.NonTransferable.selector, ALICE, address(market)));
        market.depositCollateral(id, address(xWeth), 1e18);
        // ... but the ones inside still leave: to the owner, and through the gateway back to chain B.
        market.withdrawCollateral(id, address(xWeth), 1e18, ALICE);
        vm.stopPrank();
        (bytes memory r, bytes memory rmd) = _withdrawOnA(ALICE, id, 3e18);
        b.mailbox.process(rmd, r);
        assertEq(wethB.balanceOf(ALICE), 3e18, "withdrawn from the removed market and released");
        assertEq(market.collateralOf(id, address(xWeth)), 0);
    }

    /* ---------- X-3: a claim's decimals are tied to the remote token's ---------- */

    function test_creditOfOtherDecimalsRefusedAndReturned() public {
        // The owner binds the 8-decimal claim to an 18-decimal token by mistake: the Credit says 18, nothing is minted
        // (it would be priced 10^10 too high), and the depositor sends the tokens back to chain B.
        DevERC20 odd = new DevERC20("Eighteen", "ODD", 18);
        vm.startPrank(ADMIN);
        gateway.bindRemoteToken(address(xWbtc), address(odd));
        outpost.setSupported(address(odd), true);
        vm.stopPrank();
        uint256 id = _openEmpty(ALICE);
        (bytes memory m, bytes memory md) = _depositOnB(ALICE, odd, 1e18, id);
        vm.expectEmit(address(gateway));
        emit CollateralGateway.CreditRefused(1, ALICE, address(odd), 1e18, 18);
        a.mailbox.process(md, m);
        assertEq(xWbtc.totalSupply(), 0, "no claims minted");
        assertEq(market.collateralOf(id, address(xWbtc)), 0);
        assertEq(gateway.refused(ALICE, address(odd)), 1e18);
        vm.prank(BOB);
        vm.expectRevert(abi.encodeWithSelector(CollateralGateway.ExceedsRefused.selector, address(odd), 1e18, 0));
        gateway.returnRefused(address(odd), 1e18, BOB);
        vm.prank(ALICE);
        vmx.recordLogs();
        gateway.returnRefused(address(odd), 1e18, ALICE);
        (bytes memory r, bytes memory rmd) = _lastDispatch(a);
        b.mailbox.process(rmd, r);
        assertEq(odd.balanceOf(ALICE), 1e18, "returned on chain B");
        assertEq(outpost.locked(address(odd)), 0);
        assertEq(gateway.refused(ALICE, address(odd)), 0);
    }

    function test_creditCarriesTheTokensDecimals() public {
        uint256 id = _openEmpty(ALICE);
        vm.prank(ADMIN);
        gateway.bindRemoteToken(address(xWbtc), address(wbtcB));
        (bytes memory m, bytes memory md) = _depositOnB(ALICE, wbtcB, 2e8, id);
        a.mailbox.process(md, m);
        assertEq(market.collateralOf(id, address(xWbtc)), 2e8, "8 decimals on both sides: credited");
    }

    /* ---------- X-c: refused Credits are totalled, so both chains reconcile ---------- */

    function test_refusedCreditsTotalledSoChainsReconcile() public {
        // A wrong binding (8-decimal claim, 18-decimal token) refuses Alice's Credit while Bob's WETH is credited:
        // outpost.deposited == gateway.credited + gateway.refusedTotal, and after the return
        // outpost.released == gateway.redeemed + gateway.returnedTotal, token by token.
        DevERC20 odd = new DevERC20("Eighteen", "ODD", 18);
        vm.startPrank(ADMIN);
        gateway.bindRemoteToken(address(xWbtc), address(odd));
        outpost.setSupported(address(odd), true);
        vm.stopPrank();
        (bytes memory m, bytes memory md) = _depositOnB(ALICE, odd, 3e18, _openEmpty(ALICE));
        a.mailbox.process(md, m);
        (m, md) = _depositOnB(BOB, wethB, 2e18, _openEmpty(BOB));
        a.mailbox.process(md, m);
        assertEq(gateway.refusedTotal(address(odd)), 3e18, "refused, totalled");
        assertEq(outpost.deposited(address(odd)), gateway.credited(address(xWbtc)) + gateway.refusedTotal(address(odd)));
        assertEq(
            outpost.deposited(address(wethB)), gateway.credited(address(xWeth)) + gateway.refusedTotal(address(wethB))
        );
        vm.prank(ALICE);
        vmx.recordLogs();
        gateway.returnRefused(address(odd), 1e18, ALICE);
        (m, md) = _lastDispatch(a);
        b.mailbox.process(md, m);
        assertEq(gateway.returnedTotal(address(odd)), 1e18);
        assertEq(gateway.refusedTotal(address(odd)), 3e18, "a total ever refused: the return is counted apart");
        assertEq(outpost.released(address(odd)), gateway.redeemed(address(xWbtc)) + gateway.returnedTotal(address(odd)));
        // What is still held for return on A is what is still locked for it on B.
        assertEq(gateway.refusedTotal(address(odd)) - gateway.returnedTotal(address(odd)), outpost.locked(address(odd)));
    }

    /* ---------- X-a: a caller that takes no ether back pays the exact quote ---------- */

    function test_contractWithoutReceivePaysExactQuoteInOneCall() public {
        // The IGP refunds any excess to the caller; a contract that cannot take ether back quotes and pays in the same
        // call, where the quote is exact (nothing to refund). With any excess the whole deposit reverts, losing nothing.
        _useIgp(b, DOMAIN_A, 2 gwei);
        uint256 id = _openEmpty(ALICE);
        ExactFeeDepositor depositor = new ExactFeeDepositor(outpost);
        wethB.mint(address(depositor), 2e18);
        vm.deal(address(depositor), 1 ether);
        depositor.deposit(address(wethB), 1e18, address(market), id, 0);
        assertEq(outpost.locked(address(wethB)), 1e18, "deposited, fee exact");
        vm.expectRevert();
        depositor.deposit(address(wethB), 1e18, address(market), id, 1);
        assertEq(
            outpost.locked(address(wethB)), 1e18, "an excess it cannot take back reverts the deposit, nothing lost"
        );
        assertEq(wethB.balanceOf(address(depositor)), 1e18);
    }
}

/// @dev A contract caller with no `receive`: it quotes the outpost's fee and deposits in the same call, paying the
/// quote plus `extra` wei.
contract ExactFeeDepositor {
    CollateralOutpost private immutable OUTPOST;

    constructor(CollateralOutpost outpost_) {
        OUTPOST = outpost_;
    }

    function deposit(address token, uint256 amount, address market, uint256 vaultId, uint256 extra) external {
        DevERC20(token).approve(address(OUTPOST), amount);
        uint256 fee = OUTPOST.quoteDeposit(token, amount, market, vaultId, address(this));
        OUTPOST.deposit{value: fee + extra}(token, amount, market, vaultId, address(this));
    }
}

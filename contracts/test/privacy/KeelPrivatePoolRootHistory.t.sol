// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IKeelMarket} from "../../src/interfaces/IKeelMarket.sol";
import {KeelPrivatePool} from "../../src/privacy/KeelPrivatePool.sol";
import {PrivateVaultVerifier} from "../../src/privacy/PrivateVaultVerifier.sol";
import {PrivatePoolFixtures as F, FixtureStep} from "./PrivatePoolFixtures.sol";
import {PrivatePoolTestBase} from "./PrivatePoolTestBase.sol";

/// @dev The pool with a door to its tree's insertion: stands in for 32 real dust deposits opening fresh notes (each a
/// valid proof of an empty note's opening, ~874k gas, 1 wei of collateral), which insert one leaf apiece.
contract KeelPrivatePoolDustHarness is KeelPrivatePool {
    constructor(IKeelMarket m, IERC20 c, PrivateVaultVerifier v, uint256 minDeposit_, uint256 minBorrow_)
        KeelPrivatePool(m, c, v, minDeposit_, minBorrow_)
    {}

    function insertLeaf(uint256 leaf) external {
        _insert(leaf);
    }
}

/// @dev Audit zkaudit4 M1 (2026-12-02): the pool keeps every root, so no number of insertions by others makes a pending
/// liquidation's proof fail. On the 32-root ring buffer before it, 32 insertions did (`UnknownRoot`).
contract KeelPrivatePoolRootHistoryTest is PrivatePoolTestBase {
    function setUp() public override {
        super.setUp();
        pool = _deployAtFixtureAddress(type(KeelPrivatePool).creationCode);
        _fund(PAYER, weth, 100e18);
        _fund(PAYER, usdc, 100_000e6);
        vm.startPrank(PAYER);
        weth.approve(address(pool), type(uint256).max);
        usdc.approve(address(pool), type(uint256).max);
        usdc.approve(address(market), type(uint256).max);
        vm.stopPrank();
    }

    /// @dev Re-deploys the pool at F.POOL as the harness (same address, market and verifier: the fixtures still verify).
    function _useHarness() internal {
        _deployAtFixtureAddress(type(KeelPrivatePoolDustHarness).creationCode);
    }

    /// @dev Mallory's note is past the LT and the keeper has proven its liquidation; 100 dust notes land first (anyone's,
    /// the owner's included: each an empty note's opening, always healthy). The liquidation still lands.
    function test_pendingLiquidation_survivesAnyNumberOfInsertions() public {
        _useHarness();
        for (uint256 i = F.CAROL_OPEN; i <= F.MALLORY_BORROW; ++i) {
            _submit(i);
        }
        ethFeed.setAnswer(2362.5e8);
        FixtureStep memory liq = F.step(F.MALLORY_LIQUIDATED);
        for (uint256 n; n < 100; ++n) {
            KeelPrivatePoolDustHarness(address(pool))
                .insertLeaf(uint256(keccak256(abi.encode("dust", n))) % pool.FIELD());
        }
        assertTrue(pool.root() != liq.t.root, "the root moved on");
        assertTrue(pool.isKnownRoot(liq.t.root), "the proven root is still known");
        _submit(F.MALLORY_LIQUIDATED);
        assertFalse(pool.isKnownRoot(0), "zero is never a root");
        assertFalse(pool.isKnownRoot(123), "nor anything the tree never had");
    }
}

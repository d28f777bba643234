// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Vm} from "../utils/Test.sol";
import {DevERC20} from "../../src/dev/DevERC20.sol";
import {IUniswapV2Factory} from "../../src/periphery/interfaces/IUniswapV2Factory.sol";
import {IUniswapV2Pair} from "../../src/periphery/interfaces/IUniswapV2Pair.sol";

/// @notice Deploys the real Uniswap V2 factory from `@uniswap/v2-core`'s npm build artifact and seeds pools.
library UniswapV2Fixture {
    Vm internal constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));

    function deployFactory() internal returns (IUniswapV2Factory factory) {
        // The artifact (waffle format) holds the creation code as hex without 0x under "bytecode".
        string memory json = vm.readFile("../node_modules/@uniswap/v2-core/build/UniswapV2Factory.json");
        bytes memory code =
            abi.encodePacked(vm.parseBytes(vm.parseJsonString(json, ".bytecode")), abi.encode(address(0)));
        assembly ("memory-safe") {
            factory := create(0, add(code, 0x20), mload(code))
        }
        require(address(factory) != address(0), "UniswapV2Factory deploy failed");
    }

    /// @notice Creates (if needed) the pair and adds `amountA` / `amountB` of liquidity, minted from the dev tokens.
    function seed(IUniswapV2Factory factory, DevERC20 a, uint256 amountA, DevERC20 b, uint256 amountB)
        internal
        returns (IUniswapV2Pair pair)
    {
        address p = factory.getPair(address(a), address(b));
        if (p == address(0)) p = factory.createPair(address(a), address(b));
        pair = IUniswapV2Pair(p);
        a.mint(p, amountA);
        b.mint(p, amountB);
        pair.mint(address(this));
    }
}

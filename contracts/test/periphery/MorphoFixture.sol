// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Vm} from "../utils/Test.sol";
import {IMorpho} from "@morpho-org/morpho-blue/src/interfaces/IMorpho.sol";

/// @notice Deploys the real Morpho Blue bytecode: the output of scripts/lib/morpho-build.ts (Morpho's own solc 0.8.19,
/// via-IR), which writes it to node_modules/.cache/keel/Morpho.json (`npx tsx scripts/lib/morpho-build.ts`).
library MorphoFixture {
    Vm internal constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));

    function deploy(address owner) internal returns (IMorpho morpho) {
        string memory json = vm.readFile("../node_modules/.cache/keel/Morpho.json");
        bytes memory code = abi.encodePacked(vm.parseBytes(vm.parseJsonString(json, ".bytecode")), abi.encode(owner));
        assembly ("memory-safe") {
            morpho := create(0, add(code, 0x20), mload(code))
        }
        require(address(morpho) != address(0), "Morpho deploy failed");
    }
}

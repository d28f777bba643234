// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Test} from "../utils/Test.sol";
import {IEAS} from "@ethereum-attestation-service/eas-contracts/contracts/IEAS.sol";

/// @dev Deploys the Ethereum Attestation Service (SchemaRegistry, then EAS) from the npm package's own build
/// artifacts: its sources pin solc 0.8.29, which is not our compiler.
abstract contract EasFixture is Test {
    string internal constant EAS_ARTIFACTS =
        "../node_modules/@ethereum-attestation-service/eas-contracts/artifacts/contracts/";

    function _deployEas() internal returns (IEAS eas) {
        address registry = _create(_artifact("SchemaRegistry.sol/SchemaRegistry.json"));
        eas = IEAS(_create(abi.encodePacked(_artifact("EAS.sol/EAS.json"), abi.encode(registry))));
    }

    function _artifact(string memory file) private view returns (bytes memory) {
        string memory json = vm.readFile(string.concat(EAS_ARTIFACTS, file));
        return vm.parseBytes(vm.parseJsonString(json, ".bytecode"));
    }

    function _create(bytes memory code) private returns (address a) {
        assembly ("memory-safe") {
            a := create(0, add(code, 0x20), mload(code))
        }
        require(a != address(0), "EAS deploy failed");
    }
}

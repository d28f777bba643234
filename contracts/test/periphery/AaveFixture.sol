// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @dev Cheatcodes the fixture needs beyond test/utils/Test.sol's.
interface VmAave {
    function etch(address target, bytes calldata newRuntimeBytecode) external;
    function readFile(string calldata path) external view returns (string memory data);
    function parseJsonString(string calldata json, string calldata key) external pure returns (string memory);
    function parseBytes(string calldata stringifiedValue) external pure returns (bytes memory);
}

/// @dev Aave v3.0's ConfiguratorInputTypes.InitReserveInput (same fields, same order: same selector).
struct AaveInitReserveInput {
    address aTokenImpl;
    address stableDebtTokenImpl;
    address variableDebtTokenImpl;
    uint8 underlyingAssetDecimals;
    address interestRateStrategyAddress;
    address underlyingAsset;
    address treasury;
    address incentivesController;
    string aTokenName;
    string aTokenSymbol;
    string variableDebtTokenName;
    string variableDebtTokenSymbol;
    string stableDebtTokenName;
    string stableDebtTokenSymbol;
    bytes params;
}

interface IAaveProviderSetup {
    function setACLAdmin(address) external;
    function setACLManager(address) external;
    function setPoolImpl(address) external;
    function getPool() external view returns (address);
    function setPoolConfiguratorImpl(address) external;
    function getPoolConfigurator() external view returns (address);
    function setPriceOracle(address) external;
}

interface IAaveAclSetup {
    function addPoolAdmin(address) external;
}

interface IAaveConfiguratorSetup {
    function initReserves(AaveInitReserveInput[] calldata input) external;
    function setEModeCategory(uint8 id, uint16 ltv, uint16 lt, uint16 bonus, address oracle, string calldata label)
        external;
    function configureReserveAsCollateral(address asset, uint256 ltv, uint256 lt, uint256 bonus) external;
    function setReserveBorrowing(address asset, bool enabled) external;
    function setReserveFlashLoaning(address asset, bool enabled) external;
    function setAssetEModeCategory(address asset, uint8 categoryId) external;
}

/// @notice One reserve of the fixture's market: its token, Chainlink feed (USD, 8 decimals), decimals and risk
/// parameters in Aave's basis points, and its e-mode category (0: none).
struct AaveReserveSpec {
    address asset;
    address feed;
    uint8 decimals;
    uint16 ltv;
    uint16 lt;
    uint16 bonus;
    uint8 eMode;
}

/// @notice Deploys the real Aave v3.0 bytecode (the npm artifacts scripts/lib/deploy-aave.ts deploys on anvil) in a
/// forge test, in the same order: addresses provider, ACL (the caller pool admin), the pool's libraries (their runtime
/// code etched at fixed addresses the pool and configurator are linked to by scripts/lib/aave-forge.ts, which writes
/// node_modules/.cache/keel/Aave.json: `npx tsx scripts/lib/aave-forge.ts`), the pool and configurator behind their
/// proxies, AaveOracle over the given feeds (USD), token implementations, a rate strategy per reserve, the reserves and
/// e-mode category 1 (ETH correlated: 93 % LTV, 95 % LT).
library AaveFixture {
    VmAave internal constant vm = VmAave(address(uint160(uint256(keccak256("hevm cheat code")))));
    uint256 internal constant RAY = 1e27;

    struct Deployment {
        address provider;
        address pool;
        address configurator;
        address oracle;
    }

    function libraryAddress(string memory name) internal pure returns (address) {
        return address(uint160(uint256(keccak256(bytes(string.concat("keel.aave.", name))))));
    }

    function _code(string memory json, string memory key) private pure returns (bytes memory) {
        return vm.parseBytes(vm.parseJsonString(json, key));
    }

    function _create(bytes memory code) private returns (address a) {
        assembly ("memory-safe") {
            a := create(0, add(code, 0x20), mload(code))
        }
        require(a != address(0), "Aave fixture: create failed");
    }

    function deploy(AaveReserveSpec[] memory reserves) internal returns (Deployment memory d) {
        string memory json = vm.readFile("../node_modules/.cache/keel/Aave.json");
        string[8] memory libs = [
            "SupplyLogic",
            "BorrowLogic",
            "LiquidationLogic",
            "EModeLogic",
            "BridgeLogic",
            "PoolLogic",
            "ConfiguratorLogic",
            "FlashLoanLogic"
        ];
        for (uint256 i; i < libs.length; ++i) {
            vm.etch(libraryAddress(libs[i]), _code(json, string.concat(".libs.", libs[i])));
        }
        d.provider = _create(
            abi.encodePacked(_code(json, ".PoolAddressesProvider"), abi.encode("Keel forge Aave", address(this)))
        );
        IAaveProviderSetup provider = IAaveProviderSetup(d.provider);
        provider.setACLAdmin(address(this));
        address acl = _create(abi.encodePacked(_code(json, ".ACLManager"), abi.encode(d.provider)));
        provider.setACLManager(acl);
        IAaveAclSetup(acl).addPoolAdmin(address(this));
        provider.setPoolImpl(_create(abi.encodePacked(_code(json, ".Pool"), abi.encode(d.provider))));
        d.pool = provider.getPool();
        provider.setPoolConfiguratorImpl(_create(_code(json, ".PoolConfigurator")));
        d.configurator = provider.getPoolConfigurator();

        address[] memory assets = new address[](reserves.length);
        address[] memory feeds = new address[](reserves.length);
        for (uint256 i; i < reserves.length; ++i) {
            (assets[i], feeds[i]) = (reserves[i].asset, reserves[i].feed);
        }
        d.oracle = _create(
            abi.encodePacked(
                _code(json, ".AaveOracle"), abi.encode(d.provider, assets, feeds, address(0), address(0), uint256(1e8))
            )
        );
        provider.setPriceOracle(d.oracle);
        _initReserves(json, d, reserves);
    }

    function _initReserves(string memory json, Deployment memory d, AaveReserveSpec[] memory reserves) private {
        address aToken = _create(abi.encodePacked(_code(json, ".AToken"), abi.encode(d.pool)));
        address vDebt = _create(abi.encodePacked(_code(json, ".VariableDebtToken"), abi.encode(d.pool)));
        address sDebt = _create(abi.encodePacked(_code(json, ".StableDebtToken"), abi.encode(d.pool)));
        // One rate curve for every reserve: 90 % optimal, 0 base, 4 % below it, 60 % above (stable rate disabled).
        address strategy = _create(
            abi.encodePacked(
                _code(json, ".DefaultReserveInterestRateStrategy"),
                abi.encode(d.provider, RAY * 9 / 10, 0, RAY * 4 / 100, RAY * 60 / 100, 0, 0, 0, 0, RAY / 5)
            )
        );
        AaveInitReserveInput[] memory input = new AaveInitReserveInput[](reserves.length);
        for (uint256 i; i < reserves.length; ++i) {
            input[i] = AaveInitReserveInput(
                aToken,
                sDebt,
                vDebt,
                reserves[i].decimals,
                strategy,
                reserves[i].asset,
                address(this),
                address(0),
                "aToken",
                "aTok",
                "variable debt",
                "vDebt",
                "stable debt",
                "sDebt",
                ""
            );
        }
        IAaveConfiguratorSetup c = IAaveConfiguratorSetup(d.configurator);
        c.initReserves(input);
        c.setEModeCategory(1, 9300, 9500, 10100, address(0), "ETH correlated");
        for (uint256 i; i < reserves.length; ++i) {
            AaveReserveSpec memory r = reserves[i];
            c.configureReserveAsCollateral(r.asset, r.ltv, r.lt, r.bonus);
            c.setReserveBorrowing(r.asset, true);
            c.setReserveFlashLoaning(r.asset, true);
            if (r.eMode != 0) c.setAssetEModeCategory(r.asset, r.eMode);
        }
    }
}

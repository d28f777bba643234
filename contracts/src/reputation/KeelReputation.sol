// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IEAS, Attestation} from "@ethereum-attestation-service/eas-contracts/contracts/IEAS.sol";
import {ISchemaRegistry} from "@ethereum-attestation-service/eas-contracts/contracts/ISchemaRegistry.sol";
import {ISchemaResolver} from "@ethereum-attestation-service/eas-contracts/contracts/resolver/ISchemaResolver.sol";

import {IKeelReputation} from "../interfaces/IKeelReputation.sol";
import {RiskBoundsLib} from "../libraries/RiskBoundsLib.sol";

/// @title KeelReputation
/// @notice A market's reputation source: the LTV bonus an account's Keel record earns, from an Ethereum Attestation
/// Service attestation of the schema this contract publishes, made by the ONE attester fixed at deployment. It is
/// the schema's resolver: EAS calls it on every attestation and revocation of the schema, so it keeps each account's
/// current record in one slot (a market's lookup reads that slot, never the attestation) and drops it the moment the
/// attester revokes it. An attestation is refused (EAS reverts) unless its attester is the attester, it is revocable,
/// it expires, and within MAX_VALIDITY, and its score is at most MAX_SCORE.
/// @dev Bounds, whoever holds the attester's key: the bonus is `maxBonus × score / MAX_SCORE` ≤ `maxBonus` ≤
/// MAX_BONUS; the market counts only collaterals with an LTV above 0, caps the vault's boosted limit at halfway from
/// its base limit to their liquidation value, and never applies the bonus to liquidation. A compromised attester can therefore at most let every account borrow up to that
/// cap, for at most MAX_VALIDITY, until the risk admin's owner or guardian unhooks this source (at once: safer).
contract KeelReputation is IKeelReputation, ISchemaResolver {
    /// @notice The record schema (EAS schema string; the UID is `recordSchema`). `score` in [0, MAX_SCORE] is the
    /// attester's result from the other fields (lib/reputation/score.ts); `asOfBlock` is the block they were read at.
    string public constant RECORD_SCHEMA =
        "uint16 score,uint64 firstSeen,uint32 repayments,uint32 liquidations,uint32 closedWithoutLoss,uint32 closedWithLoss,uint64 asOfBlock";
    /// @notice The dispute schema (no resolver, anyone may attest it): an account's objection to a record, with the
    /// disputed record's UID as the attestation's `refUID`.
    string public constant DISPUTE_SCHEMA = "string reason";
    /// @notice Highest score.
    uint256 public constant MAX_SCORE = 10_000;
    /// @notice Highest `maxBonus` any deployment may have: 10 points of LTV, the most a market honours.
    uint256 public constant MAX_BONUS = RiskBoundsLib.MAX_LTV_BONUS;
    /// @notice Longest an attestation may be valid from its creation.
    uint256 public constant MAX_VALIDITY = 30 days;

    /// @notice The EAS contract whose attestations this source honours.
    IEAS public immutable eas;
    /// @notice The only account whose attestations count.
    address public immutable attester;
    /// @notice Bonus (WAD) of a score of MAX_SCORE; a lower score earns its share of it.
    uint256 public immutable maxBonus;
    /// @notice UID of RECORD_SCHEMA with this contract as resolver, revocable (registered by the constructor).
    bytes32 public immutable recordSchema;
    /// @notice UID of DISPUTE_SCHEMA (no resolver, revocable).
    bytes32 public immutable disputeSchema;

    /// @dev One account's honoured record: `bonus` and `expiry` share a slot (the lookup reads only it).
    struct Record {
        bytes32 uid;
        uint64 bonus;
        uint64 expiry;
    }

    mapping(address account => Record) internal _records;

    /// @notice The deployment's arguments are out of range (zero address, or `maxBonus` above MAX_BONUS).
    error InvalidReputationConfig();
    /// @notice Only the EAS contract calls the resolver.
    error NotEas(address caller);

    /// @notice The attester's record of `account` now counts: `uid`, its score, bonus and expiry.
    event RecordHonoured(address indexed account, bytes32 indexed uid, uint256 score, uint256 bonus, uint64 expiry);
    /// @notice The attester revoked `account`'s current record: its bonus is gone.
    event RecordRevoked(address indexed account, bytes32 indexed uid);

    /// @param eas_ The EAS contract (its schema registry is read from it).
    /// @param attester_ The one attester.
    /// @param maxBonus_ Bonus of a perfect score (WAD, ≤ MAX_BONUS).
    constructor(IEAS eas_, address attester_, uint256 maxBonus_) {
        if (address(eas_) == address(0) || attester_ == address(0) || maxBonus_ > MAX_BONUS) {
            revert InvalidReputationConfig();
        }
        eas = eas_;
        attester = attester_;
        maxBonus = maxBonus_;
        ISchemaRegistry registry = eas_.getSchemaRegistry();
        // Anyone may register the record schema naming this address as resolver before it exists (a front-run of the
        // deployment): the UID is the same and its resolver is this contract, so it is adopted, not re-registered. The
        // dispute schema has no resolver, so it is the same for every deployment on a chain: registered once.
        recordSchema = _schema(registry, RECORD_SCHEMA, this);
        disputeSchema = _schema(registry, DISPUTE_SCHEMA, ISchemaResolver(address(0)));
    }

    /// @dev UID of revocable `schema` with `resolver` (SchemaRegistry's), registered unless someone already did.
    function _schema(ISchemaRegistry registry, string memory schema, ISchemaResolver resolver)
        private
        returns (bytes32 uid)
    {
        uid = keccak256(abi.encodePacked(schema, address(resolver), true));
        if (registry.getSchema(uid).uid == 0) registry.register(schema, resolver, true);
    }

    /// @inheritdoc IKeelReputation
    function ltvBonus(address account) external view returns (uint256) {
        Record storage r = _records[account];
        (uint256 bonus, uint256 expiry) = (r.bonus, r.expiry);
        return block.timestamp < expiry ? bonus : 0;
    }

    /// @notice `account`'s honoured record: its attestation UID (zero: none), bonus (WAD) and expiry. The bonus counts
    /// while `block.timestamp < expiry`.
    function recordOf(address account) external view returns (bytes32 uid, uint256 bonus, uint64 expiry) {
        Record storage r = _records[account];
        return (r.uid, r.bonus, r.expiry);
    }

    /// @notice Bonus (WAD) a record with `score` earns here (zero above MAX_SCORE: such a record is refused).
    function bonusForScore(uint256 score) public view returns (uint256) {
        return score > MAX_SCORE ? 0 : maxBonus * score / MAX_SCORE;
    }

    /* ISchemaResolver (EAS only) */

    /// @notice Version of the resolver interface this implements.
    function version() external pure returns (string memory) {
        return "1.0.0";
    }

    /// @notice Takes no ETH: an attestation carrying value is refused by EAS.
    function isPayable() external pure returns (bool) {
        return false;
    }

    /// @notice Honours `a` (true) or refuses it (false: EAS reverts the attestation).
    function attest(Attestation calldata a) external payable returns (bool) {
        _onlyEas();
        return _honour(a);
    }

    /// @notice `attest` for each of a batch; the batch is refused if any one is.
    function multiAttest(Attestation[] calldata list, uint256[] calldata) external payable returns (bool) {
        _onlyEas();
        for (uint256 i; i < list.length; ++i) {
            if (!_honour(list[i])) return false;
        }
        return true;
    }

    /// @notice Drops the account's record if `a` is it. Never refuses: a revocation always goes through.
    function revoke(Attestation calldata a) external payable returns (bool) {
        _onlyEas();
        _drop(a);
        return true;
    }

    /// @notice `revoke` for each of a batch.
    function multiRevoke(Attestation[] calldata list, uint256[] calldata) external payable returns (bool) {
        _onlyEas();
        for (uint256 i; i < list.length; ++i) {
            _drop(list[i]);
        }
        return true;
    }

    function _honour(Attestation calldata a) internal returns (bool) {
        if (
            a.schema != recordSchema || a.attester != attester || !a.revocable || a.expirationTime == 0
                || a.expirationTime > a.time + MAX_VALIDITY || a.data.length != 7 * 32
        ) return false;
        uint256 score = abi.decode(a.data[:32], (uint256));
        if (score > MAX_SCORE) return false;
        uint256 bonus = bonusForScore(score);
        _records[a.recipient] = Record(a.uid, uint64(bonus), a.expirationTime);
        emit RecordHonoured(a.recipient, a.uid, score, bonus, a.expirationTime);
        return true;
    }

    function _drop(Attestation calldata a) internal {
        if (_records[a.recipient].uid != a.uid) return;
        delete _records[a.recipient];
        emit RecordRevoked(a.recipient, a.uid);
    }

    function _onlyEas() internal view {
        if (msg.sender != address(eas)) revert NotEas(msg.sender);
    }
}

pragma circom 2.1.0;

include "circomlib/circuits/poseidon.circom";
include "circomlib/circuits/bitify.circom";
include "circomlib/circuits/comparators.circom";

// Root of a binary Poseidon Merkle tree of `depth` levels, for `leaf` at the position whose bits (LSB first) are
// `bits`: each says at its level whether the running node is the right child. Same hashing as lib/privacy/tree.ts.
template MerkleRootBits(depth) {
    signal input leaf;
    signal input bits[depth];
    signal input siblings[depth];
    signal output root;

    signal node[depth + 1];
    signal swap[depth];
    component hashes[depth];
    node[0] <== leaf;
    for (var i = 0; i < depth; i++) {
        // left = node + b·(sibling − node), right = sibling − b·(sibling − node)
        swap[i] <== bits[i] * (siblings[i] - node[i]);
        hashes[i] = Poseidon(2);
        hashes[i].inputs[0] <== node[i] + swap[i];
        hashes[i].inputs[1] <== siblings[i] - swap[i];
        node[i + 1] <== hashes[i].out;
    }
    root <== node[depth];
}

// MerkleRootBits for the position `index` (range-checked to `depth` bits).
template MerkleRoot(depth) {
    signal input leaf;
    signal input index;
    signal input siblings[depth];
    signal output root;

    component bits = Num2Bits(depth);
    bits.in <== index;
    component tree = MerkleRootBits(depth);
    tree.leaf <== leaf;
    tree.bits <== bits.out;
    tree.siblings <== siblings;
    root <== tree.root;
}

// The proven insertion of an append-only tree: `newRoot` is `root` with `leaf` written at position `index` (below
// 2^depth), which is empty (0) at `root`; the same siblings hash both paths, so nothing else changed. Only when
// `enabled` is 1 (circuit v3: an exit inserts nothing); `enabled` must be 0 or 1, which the caller ensures.
template MerkleInsert(depth) {
    signal input enabled;
    signal input root;
    signal input newRoot;
    signal input leaf;
    signal input index;
    signal input siblings[depth];

    component bits = Num2Bits(depth);
    bits.in <== index;
    component before = MerkleRootBits(depth);
    before.leaf <== 0;
    before.bits <== bits.out;
    before.siblings <== siblings;
    (before.root - root) * enabled === 0;
    component after = MerkleRootBits(depth);
    after.leaf <== leaf;
    after.bits <== bits.out;
    after.siblings <== siblings;
    (after.root - newRoot) * enabled === 0;
}

// Splits `packed` into parts of `widths` bits, LSB first (one Num2Bits over their sum, below the field's 254 bits, so
// the split is unique: no other parts, each within its width, pack to the same field element mod p).
template Unpack(n, widths) {
    signal input packed;
    signal output parts[n];
    var total = 0;
    for (var i = 0; i < n; i++) total += widths[i];
    assert(total <= 252);
    component bits = Num2Bits(total);
    bits.in <== packed;
    var at = 0;
    for (var i = 0; i < n; i++) {
        var sum = 0;
        for (var j = 0; j < widths[i]; j++) sum += bits.out[at + j] * (1 << j);
        parts[i] <== sum;
        at += widths[i];
    }
}

// q = floor(a·b / c) (or ceil when roundUp = 1) for a constant c, exactly, with q < 2^qBits. The caller bounds a·b
// below the field (each factor range-checked) so the product never wraps; here q·c + r is bounded by qBits + cBits.
template MulDiv(c, cBits, qBits, roundUp) {
    signal input a;
    signal input b;
    signal output q;

    signal prod <== a * b;
    var k = roundUp == 1 ? c - 1 : 0;
    signal r;
    q <-- (prod + k) \ c;
    r <-- (prod + k) % c;
    prod + k === q * c + r;

    component qRange = Num2Bits(qBits);
    qRange.in <== q;
    component rRange = Num2Bits(cBits);
    rRange.in <== r;
    component rBelow = LessThan(cBits);
    rBelow.in[0] <== r;
    rBelow.in[1] <== c;
    rBelow.out === 1;
}

// Note commitment: Poseidon(collateral, debt shares, owner public key, blinding).
template NoteCommitment() {
    signal input collateral;
    signal input shares;
    signal input ownerPub;
    signal input blinding;
    signal output out;
    component h = Poseidon(4);
    h.inputs[0] <== collateral;
    h.inputs[1] <== shares;
    h.inputs[2] <== ownerPub;
    h.inputs[3] <== blinding;
    out <== h.out;
}

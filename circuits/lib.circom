pragma circom 2.1.0;

include "circomlib/circuits/poseidon.circom";
include "circomlib/circuits/bitify.circom";
include "circomlib/circuits/comparators.circom";

// Root of a binary Poseidon Merkle tree of `depth` levels, for `leaf` at position `index` (its bits, LSB first, say
// at each level whether the running node is the right child). Same hashing as PrivatePoolTree.sol.
template MerkleRoot(depth) {
    signal input leaf;
    signal input index;
    signal input siblings[depth];
    signal output root;

    component bits = Num2Bits(depth);
    bits.in <== index;

    signal node[depth + 1];
    signal swap[depth];
    component hashes[depth];
    node[0] <== leaf;
    for (var i = 0; i < depth; i++) {
        // left = node + b·(sibling − node), right = sibling − b·(sibling − node)
        swap[i] <== bits.out[i] * (siblings[i] - node[i]);
        hashes[i] = Poseidon(2);
        hashes[i].inputs[0] <== node[i] + swap[i];
        hashes[i].inputs[1] <== siblings[i] - swap[i];
        node[i + 1] <== hashes[i].out;
    }
    root <== node[depth];
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

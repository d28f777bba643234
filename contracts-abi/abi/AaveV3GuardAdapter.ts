//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////
// AaveV3GuardAdapter
//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////

export const aaveV3GuardAdapterAbi = [
  {
    type: 'constructor',
    inputs: [
      { name: 'guard_', internalType: 'address', type: 'address' },
      {
        name: 'swapper_',
        internalType: 'contract ISwapAdapter',
        type: 'address',
      },
      {
        name: 'pool_',
        internalType: 'contract IGuardAavePool',
        type: 'address',
      },
      {
        name: 'oracle_',
        internalType: 'contract IGuardAaveOracle',
        type: 'address',
      },
      { name: 'maxPriceAge_', internalType: 'uint256', type: 'uint256' },
    ],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [{ name: '', internalType: 'bytes', type: 'bytes' }],
    name: 'accrue',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'position', internalType: 'bytes', type: 'bytes' },
      { name: 'amount', internalType: 'uint256', type: 'uint256' },
      { name: 'minColOut', internalType: 'uint256', type: 'uint256' },
      { name: 'fee', internalType: 'uint256', type: 'uint256' },
      { name: 'feeTo', internalType: 'address', type: 'address' },
    ],
    name: 'boost',
    outputs: [{ name: 'bought', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'position', internalType: 'bytes', type: 'bytes' },
      { name: 'maxSell', internalType: 'uint256', type: 'uint256' },
      { name: 'fee', internalType: 'uint256', type: 'uint256' },
      { name: 'feeTo', internalType: 'address', type: 'address' },
    ],
    name: 'close',
    outputs: [
      { name: 'sold', internalType: 'uint256', type: 'uint256' },
      { name: 'colToOwner', internalType: 'uint256', type: 'uint256' },
      { name: 'debtToOwner', internalType: 'uint256', type: 'uint256' },
    ],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'position', internalType: 'bytes', type: 'bytes' },
      { name: 'repay', internalType: 'uint256', type: 'uint256' },
      { name: 'sell', internalType: 'uint256', type: 'uint256' },
      { name: 'minOut', internalType: 'uint256', type: 'uint256' },
      { name: 'fee', internalType: 'uint256', type: 'uint256' },
      { name: 'feeTo', internalType: 'address', type: 'address' },
    ],
    name: 'deleverage',
    outputs: [{ name: 'toOwner', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: '', internalType: 'address', type: 'address' },
      { name: 'amount', internalType: 'uint256', type: 'uint256' },
      { name: 'premium', internalType: 'uint256', type: 'uint256' },
      { name: 'initiator', internalType: 'address', type: 'address' },
      { name: 'params', internalType: 'bytes', type: 'bytes' },
    ],
    name: 'executeOperation',
    outputs: [{ name: '', internalType: 'bool', type: 'bool' }],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'guard',
    outputs: [{ name: '', internalType: 'address', type: 'address' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'maxPriceAge',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'oracle',
    outputs: [
      { name: '', internalType: 'contract IGuardAaveOracle', type: 'address' },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'pool',
    outputs: [
      { name: '', internalType: 'contract IGuardAavePool', type: 'address' },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'position', internalType: 'bytes', type: 'bytes' }],
    name: 'snapshot',
    outputs: [
      {
        name: 's',
        internalType: 'struct Snapshot',
        type: 'tuple',
        components: [
          { name: 'owner', internalType: 'address', type: 'address' },
          { name: 'mayWithdraw', internalType: 'bool', type: 'bool' },
          { name: 'mayBorrow', internalType: 'bool', type: 'bool' },
          { name: 'collateral', internalType: 'uint256', type: 'uint256' },
          { name: 'debt', internalType: 'uint256', type: 'uint256' },
          { name: 'colPrice', internalType: 'uint256', type: 'uint256' },
          { name: 'debtPrice', internalType: 'uint256', type: 'uint256' },
          { name: 'colScale', internalType: 'uint256', type: 'uint256' },
          { name: 'debtScale', internalType: 'uint256', type: 'uint256' },
          { name: 'lt', internalType: 'uint256', type: 'uint256' },
          { name: 'collateralValue', internalType: 'uint256', type: 'uint256' },
          { name: 'liqValue', internalType: 'uint256', type: 'uint256' },
          { name: 'debtValue', internalType: 'uint256', type: 'uint256' },
          { name: 'flashFeeBps', internalType: 'uint256', type: 'uint256' },
        ],
      },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'swapper',
    outputs: [
      { name: '', internalType: 'contract ISwapAdapter', type: 'address' },
    ],
    stateMutability: 'view',
  },
  {
    type: 'error',
    inputs: [{ name: 'asset', internalType: 'address', type: 'address' }],
    name: 'NoProtocolPrice',
  },
  {
    type: 'error',
    inputs: [
      { name: 'length', internalType: 'uint256', type: 'uint256' },
      { name: 'expected', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'NonCanonicalPosition',
  },
  {
    type: 'error',
    inputs: [{ name: 'caller', internalType: 'address', type: 'address' }],
    name: 'NotGuard',
  },
  { type: 'error', inputs: [], name: 'ReentrancyGuardReentrantCall' },
  {
    type: 'error',
    inputs: [{ name: 'token', internalType: 'address', type: 'address' }],
    name: 'SafeERC20FailedOperation',
  },
  {
    type: 'error',
    inputs: [
      { name: 'asset', internalType: 'address', type: 'address' },
      { name: 'updatedAt', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'StaleProtocolPrice',
  },
  {
    type: 'error',
    inputs: [
      { name: 'caller', internalType: 'address', type: 'address' },
      { name: 'initiator', internalType: 'address', type: 'address' },
    ],
    name: 'UntrustedCallback',
  },
] as const

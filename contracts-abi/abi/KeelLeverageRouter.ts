//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////
// KeelLeverageRouter
//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////

export const keelLeverageRouterAbi = [
  {
    type: 'constructor',
    inputs: [
      {
        name: 'adapter_',
        internalType: 'contract ISwapAdapter',
        type: 'address',
      },
    ],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'adapter',
    outputs: [
      { name: '', internalType: 'contract ISwapAdapter', type: 'address' },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'market', internalType: 'contract IKeelMarket', type: 'address' },
      { name: 'id', internalType: 'uint256', type: 'uint256' },
      { name: 'collateral', internalType: 'address', type: 'address' },
      { name: 'maxCollateralIn', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'close',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'market', internalType: 'contract IKeelMarket', type: 'address' },
      { name: 'id', internalType: 'uint256', type: 'uint256' },
      { name: 'collateral', internalType: 'address', type: 'address' },
      { name: 'collateralToSell', internalType: 'uint256', type: 'uint256' },
      { name: 'repayAmount', internalType: 'uint256', type: 'uint256' },
      { name: 'minBaseOut', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'decrease',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'market', internalType: 'contract IKeelMarket', type: 'address' },
      { name: 'id', internalType: 'uint256', type: 'uint256' },
      { name: 'collateral', internalType: 'address', type: 'address' },
      { name: 'deposit', internalType: 'uint256', type: 'uint256' },
      { name: 'flashAmount', internalType: 'uint256', type: 'uint256' },
      { name: 'minCollateralOut', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'increase',
    outputs: [{ name: 'vaultId', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'initiator', internalType: 'address', type: 'address' },
      { name: 'token', internalType: 'address', type: 'address' },
      { name: 'amount', internalType: 'uint256', type: 'uint256' },
      { name: 'fee', internalType: 'uint256', type: 'uint256' },
      { name: 'data', internalType: 'bytes', type: 'bytes' },
    ],
    name: 'onFlashLoan',
    outputs: [{ name: '', internalType: 'bytes32', type: 'bytes32' }],
    stateMutability: 'nonpayable',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'market',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      { name: 'id', internalType: 'uint256', type: 'uint256', indexed: true },
      {
        name: 'owner',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'collateral',
        internalType: 'address',
        type: 'address',
        indexed: false,
      },
      {
        name: 'sold',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'repaid',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
    ],
    name: 'LeverageDecreased',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'market',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      { name: 'id', internalType: 'uint256', type: 'uint256', indexed: true },
      {
        name: 'owner',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'collateral',
        internalType: 'address',
        type: 'address',
        indexed: false,
      },
      {
        name: 'deposited',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'borrowed',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'collateralBought',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
    ],
    name: 'LeverageIncreased',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'market',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      { name: 'id', internalType: 'uint256', type: 'uint256', indexed: true },
      {
        name: 'owner',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'collateral',
        internalType: 'address',
        type: 'address',
        indexed: false,
      },
      {
        name: 'sold',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'repaid',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
    ],
    name: 'PositionClosed',
  },
  {
    type: 'error',
    inputs: [
      { name: 'id', internalType: 'uint256', type: 'uint256' },
      { name: 'caller', internalType: 'address', type: 'address' },
      { name: 'owner', internalType: 'address', type: 'address' },
    ],
    name: 'NotVaultOwner',
  },
  { type: 'error', inputs: [], name: 'ReentrancyGuardReentrantCall' },
  {
    type: 'error',
    inputs: [{ name: 'owner', internalType: 'address', type: 'address' }],
    name: 'RouterNotOperator',
  },
  {
    type: 'error',
    inputs: [{ name: 'token', internalType: 'address', type: 'address' }],
    name: 'SafeERC20FailedOperation',
  },
  {
    type: 'error',
    inputs: [
      { name: 'amountOut', internalType: 'uint256', type: 'uint256' },
      { name: 'minAmountOut', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'SlippageExceeded',
  },
  {
    type: 'error',
    inputs: [
      { name: 'received', internalType: 'uint256', type: 'uint256' },
      { name: 'needed', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'SwapShortfall',
  },
  {
    type: 'error',
    inputs: [
      { name: 'caller', internalType: 'address', type: 'address' },
      { name: 'initiator', internalType: 'address', type: 'address' },
    ],
    name: 'UntrustedLender',
  },
  { type: 'error', inputs: [], name: 'ZeroAmount' },
] as const

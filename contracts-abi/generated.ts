//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////
// AaveLeverageRouter
//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////

export const aaveLeverageRouterAbi = [
  {
    type: 'constructor',
    inputs: [
      { name: 'pool_', internalType: 'contract IPool', type: 'address' },
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
    name: 'MAX_ORACLE_SLIPPAGE_BPS',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
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
      { name: 'collateral', internalType: 'address', type: 'address' },
      { name: 'debtAsset', internalType: 'address', type: 'address' },
      { name: 'maxCollateralIn', internalType: 'uint256', type: 'uint256' },
      { name: 'bps', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'close',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'collateral', internalType: 'address', type: 'address' },
      { name: 'debtAsset', internalType: 'address', type: 'address' },
      { name: 'collateralToSell', internalType: 'uint256', type: 'uint256' },
      { name: 'repayAmount', internalType: 'uint256', type: 'uint256' },
      { name: 'minDebtOut', internalType: 'uint256', type: 'uint256' },
      { name: 'bps', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'decrease',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'asset', internalType: 'address', type: 'address' },
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
    inputs: [
      { name: 'collateral', internalType: 'address', type: 'address' },
      { name: 'debtAsset', internalType: 'address', type: 'address' },
      { name: 'deposit', internalType: 'uint256', type: 'uint256' },
      { name: 'flashAmount', internalType: 'uint256', type: 'uint256' },
      { name: 'minCollateralOut', internalType: 'uint256', type: 'uint256' },
      { name: 'bps', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'increase',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'pool',
    outputs: [{ name: '', internalType: 'contract IPool', type: 'address' }],
    stateMutability: 'view',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
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
        indexed: true,
      },
      {
        name: 'debtAsset',
        internalType: 'address',
        type: 'address',
        indexed: true,
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
        name: 'owner',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'collateral',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'debtAsset',
        internalType: 'address',
        type: 'address',
        indexed: true,
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
        name: 'owner',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'collateral',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'debtAsset',
        internalType: 'address',
        type: 'address',
        indexed: true,
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
      { name: 'token', internalType: 'address', type: 'address' },
      { name: 'allowance', internalType: 'uint256', type: 'uint256' },
      { name: 'needed', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'DelegationTooLow',
  },
  {
    type: 'error',
    inputs: [
      { name: 'amountIn', internalType: 'uint256', type: 'uint256' },
      { name: 'maxAmountIn', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'MaxInputExceeded',
  },
  {
    type: 'error',
    inputs: [
      { name: 'amountOut', internalType: 'uint256', type: 'uint256' },
      { name: 'minOut', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'OracleBoundExceeded',
  },
  {
    type: 'error',
    inputs: [
      { name: 'bps', internalType: 'uint256', type: 'uint256' },
      { name: 'maxBps', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'OracleBoundTooWide',
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

//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////
// ClaimToken
//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////

export const claimTokenAbi = [
  {
    type: 'constructor',
    inputs: [
      { name: 'name_', internalType: 'string', type: 'string' },
      { name: 'symbol_', internalType: 'string', type: 'string' },
      { name: 'decimals_', internalType: 'uint8', type: 'uint8' },
      { name: 'remoteDomain_', internalType: 'uint32', type: 'uint32' },
    ],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'owner', internalType: 'address', type: 'address' },
      { name: 'spender', internalType: 'address', type: 'address' },
    ],
    name: 'allowance',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'spender', internalType: 'address', type: 'address' },
      { name: 'value', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'approve',
    outputs: [{ name: '', internalType: 'bool', type: 'bool' }],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [{ name: 'account', internalType: 'address', type: 'address' }],
    name: 'balanceOf',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'from', internalType: 'address', type: 'address' },
      { name: 'amount', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'burn',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'decimals',
    outputs: [{ name: '', internalType: 'uint8', type: 'uint8' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'gateway',
    outputs: [{ name: '', internalType: 'address', type: 'address' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'to', internalType: 'address', type: 'address' },
      { name: 'amount', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'mint',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'name',
    outputs: [{ name: '', internalType: 'string', type: 'string' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'remoteDomain',
    outputs: [{ name: '', internalType: 'uint32', type: 'uint32' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'symbol',
    outputs: [{ name: '', internalType: 'string', type: 'string' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'totalSupply',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'to', internalType: 'address', type: 'address' },
      { name: 'value', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'transfer',
    outputs: [{ name: '', internalType: 'bool', type: 'bool' }],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'from', internalType: 'address', type: 'address' },
      { name: 'to', internalType: 'address', type: 'address' },
      { name: 'value', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'transferFrom',
    outputs: [{ name: '', internalType: 'bool', type: 'bool' }],
    stateMutability: 'nonpayable',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'owner',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'spender',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'value',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
    ],
    name: 'Approval',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      { name: 'from', internalType: 'address', type: 'address', indexed: true },
      { name: 'to', internalType: 'address', type: 'address', indexed: true },
      {
        name: 'value',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
    ],
    name: 'Transfer',
  },
  {
    type: 'error',
    inputs: [
      { name: 'spender', internalType: 'address', type: 'address' },
      { name: 'allowance', internalType: 'uint256', type: 'uint256' },
      { name: 'needed', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'ERC20InsufficientAllowance',
  },
  {
    type: 'error',
    inputs: [
      { name: 'sender', internalType: 'address', type: 'address' },
      { name: 'balance', internalType: 'uint256', type: 'uint256' },
      { name: 'needed', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'ERC20InsufficientBalance',
  },
  {
    type: 'error',
    inputs: [{ name: 'approver', internalType: 'address', type: 'address' }],
    name: 'ERC20InvalidApprover',
  },
  {
    type: 'error',
    inputs: [{ name: 'receiver', internalType: 'address', type: 'address' }],
    name: 'ERC20InvalidReceiver',
  },
  {
    type: 'error',
    inputs: [{ name: 'sender', internalType: 'address', type: 'address' }],
    name: 'ERC20InvalidSender',
  },
  {
    type: 'error',
    inputs: [{ name: 'spender', internalType: 'address', type: 'address' }],
    name: 'ERC20InvalidSpender',
  },
  {
    type: 'error',
    inputs: [
      { name: 'from', internalType: 'address', type: 'address' },
      { name: 'to', internalType: 'address', type: 'address' },
    ],
    name: 'NonTransferable',
  },
  {
    type: 'error',
    inputs: [{ name: 'caller', internalType: 'address', type: 'address' }],
    name: 'NotGateway',
  },
] as const

//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////
// CollateralGateway
//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////

export const collateralGatewayAbi = [
  {
    type: 'constructor',
    inputs: [
      { name: 'mailbox_', internalType: 'contract IMailbox', type: 'address' },
      { name: 'remoteDomain_', internalType: 'uint32', type: 'uint32' },
      {
        name: 'ism_',
        internalType: 'contract IInterchainSecurityModule',
        type: 'address',
      },
      { name: 'owner_', internalType: 'address', type: 'address' },
    ],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'acceptOwnership',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'name', internalType: 'string', type: 'string' },
      { name: 'symbol', internalType: 'string', type: 'string' },
      { name: 'decimals', internalType: 'uint8', type: 'uint8' },
    ],
    name: 'addClaim',
    outputs: [
      { name: 'claim', internalType: 'contract ClaimToken', type: 'address' },
    ],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [{ name: 'market', internalType: 'address', type: 'address' }],
    name: 'addMarket',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'claim', internalType: 'address', type: 'address' },
      { name: 'remoteToken', internalType: 'address', type: 'address' },
    ],
    name: 'bindRemoteToken',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [{ name: 'remoteToken', internalType: 'address', type: 'address' }],
    name: 'claimOf',
    outputs: [
      { name: '', internalType: 'contract ClaimToken', type: 'address' },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'claim', internalType: 'address', type: 'address' }],
    name: 'credited',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'router', internalType: 'bytes32', type: 'bytes32' }],
    name: 'enrollRemoteRouter',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'origin', internalType: 'uint32', type: 'uint32' },
      { name: 'sender', internalType: 'bytes32', type: 'bytes32' },
      { name: 'body', internalType: 'bytes', type: 'bytes' },
    ],
    name: 'handle',
    outputs: [],
    stateMutability: 'payable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'interchainSecurityModule',
    outputs: [
      {
        name: '',
        internalType: 'contract IInterchainSecurityModule',
        type: 'address',
      },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'claim', internalType: 'address', type: 'address' }],
    name: 'isClaim',
    outputs: [{ name: '', internalType: 'bool', type: 'bool' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'market', internalType: 'address', type: 'address' }],
    name: 'isMarket',
    outputs: [{ name: '', internalType: 'bool', type: 'bool' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'ism',
    outputs: [
      {
        name: '',
        internalType: 'contract IInterchainSecurityModule',
        type: 'address',
      },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'mailbox',
    outputs: [{ name: '', internalType: 'contract IMailbox', type: 'address' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'market', internalType: 'address', type: 'address' }],
    name: 'marketStatus',
    outputs: [
      {
        name: '',
        internalType: 'enum CollateralGateway.MarketStatus',
        type: 'uint8',
      },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'owner',
    outputs: [{ name: '', internalType: 'address', type: 'address' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'pendingOwner',
    outputs: [{ name: '', internalType: 'address', type: 'address' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'claim', internalType: 'address', type: 'address' },
      { name: 'amount', internalType: 'uint256', type: 'uint256' },
      { name: 'recipient', internalType: 'address', type: 'address' },
    ],
    name: 'quoteRelease',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'claim', internalType: 'address', type: 'address' },
      { name: 'amount', internalType: 'uint256', type: 'uint256' },
      { name: 'recipient', internalType: 'address', type: 'address' },
    ],
    name: 'redeem',
    outputs: [{ name: 'messageId', internalType: 'bytes32', type: 'bytes32' }],
    stateMutability: 'payable',
  },
  {
    type: 'function',
    inputs: [{ name: 'claim', internalType: 'address', type: 'address' }],
    name: 'redeemed',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'account', internalType: 'address', type: 'address' },
      { name: 'remoteToken', internalType: 'address', type: 'address' },
    ],
    name: 'refused',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'remoteToken', internalType: 'address', type: 'address' }],
    name: 'refusedTotal',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'releaseNonce',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'remoteDomain',
    outputs: [{ name: '', internalType: 'uint32', type: 'uint32' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'remoteRouter',
    outputs: [{ name: '', internalType: 'bytes32', type: 'bytes32' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'claim', internalType: 'address', type: 'address' }],
    name: 'remoteTokenOf',
    outputs: [
      { name: 'remoteToken', internalType: 'address', type: 'address' },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'market', internalType: 'address', type: 'address' }],
    name: 'removeMarket',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'renounceOwnership',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'remoteToken', internalType: 'address', type: 'address' },
      { name: 'amount', internalType: 'uint256', type: 'uint256' },
      { name: 'recipient', internalType: 'address', type: 'address' },
    ],
    name: 'returnRefused',
    outputs: [{ name: 'messageId', internalType: 'bytes32', type: 'bytes32' }],
    stateMutability: 'payable',
  },
  {
    type: 'function',
    inputs: [{ name: 'remoteToken', internalType: 'address', type: 'address' }],
    name: 'returnedTotal',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'newOwner', internalType: 'address', type: 'address' }],
    name: 'transferOwnership',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [{ name: 'market', internalType: 'address', type: 'address' }],
    name: 'wasMarket',
    outputs: [{ name: '', internalType: 'bool', type: 'bool' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'market', internalType: 'address', type: 'address' },
      { name: 'vaultId', internalType: 'uint256', type: 'uint256' },
      { name: 'claim', internalType: 'address', type: 'address' },
      { name: 'amount', internalType: 'uint256', type: 'uint256' },
      { name: 'recipient', internalType: 'address', type: 'address' },
    ],
    name: 'withdraw',
    outputs: [{ name: 'messageId', internalType: 'bytes32', type: 'bytes32' }],
    stateMutability: 'payable',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'claim',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      { name: 'name', internalType: 'string', type: 'string', indexed: false },
      {
        name: 'symbol',
        internalType: 'string',
        type: 'string',
        indexed: false,
      },
    ],
    name: 'ClaimAdded',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'nonce',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'account',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'remoteToken',
        internalType: 'address',
        type: 'address',
        indexed: false,
      },
      {
        name: 'amount',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'decimals',
        internalType: 'uint8',
        type: 'uint8',
        indexed: false,
      },
    ],
    name: 'CreditRefused',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'nonce',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'market',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'vaultId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'claim',
        internalType: 'address',
        type: 'address',
        indexed: false,
      },
      {
        name: 'amount',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
    ],
    name: 'Credited',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'nonce',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'account',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'claim',
        internalType: 'address',
        type: 'address',
        indexed: false,
      },
      {
        name: 'amount',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      { name: 'reason', internalType: 'bytes', type: 'bytes', indexed: false },
    ],
    name: 'CreditedToAccount',
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
    ],
    name: 'MarketAdded',
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
    ],
    name: 'MarketRemoved',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'previousOwner',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'newOwner',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
    ],
    name: 'OwnershipTransferStarted',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'previousOwner',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'newOwner',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
    ],
    name: 'OwnershipTransferred',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'messageId',
        internalType: 'bytes32',
        type: 'bytes32',
        indexed: true,
      },
      {
        name: 'nonce',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      { name: 'from', internalType: 'address', type: 'address', indexed: true },
      {
        name: 'claim',
        internalType: 'address',
        type: 'address',
        indexed: false,
      },
      {
        name: 'amount',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'recipient',
        internalType: 'address',
        type: 'address',
        indexed: false,
      },
    ],
    name: 'ReleaseDispatched',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      { name: 'domain', internalType: 'uint32', type: 'uint32', indexed: true },
      {
        name: 'router',
        internalType: 'bytes32',
        type: 'bytes32',
        indexed: false,
      },
    ],
    name: 'RemoteRouterEnrolled',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'claim',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'remoteToken',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
    ],
    name: 'RemoteTokenBound',
  },
  {
    type: 'error',
    inputs: [{ name: 'remoteToken', internalType: 'address', type: 'address' }],
    name: 'ClaimExists',
  },
  {
    type: 'error',
    inputs: [
      { name: 'remoteToken', internalType: 'address', type: 'address' },
      { name: 'amount', internalType: 'uint256', type: 'uint256' },
      { name: 'refused', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'ExceedsRefused',
  },
  {
    type: 'error',
    inputs: [{ name: 'origin', internalType: 'uint32', type: 'uint32' }],
    name: 'ForeignOrigin',
  },
  {
    type: 'error',
    inputs: [{ name: 'sender', internalType: 'bytes32', type: 'bytes32' }],
    name: 'ForeignSender',
  },
  {
    type: 'error',
    inputs: [{ name: 'token', internalType: 'address', type: 'address' }],
    name: 'NotAClaim',
  },
  {
    type: 'error',
    inputs: [{ name: 'caller', internalType: 'address', type: 'address' }],
    name: 'NotMailbox',
  },
  {
    type: 'error',
    inputs: [
      { name: 'vaultId', internalType: 'uint256', type: 'uint256' },
      { name: 'caller', internalType: 'address', type: 'address' },
    ],
    name: 'NotVaultOwner',
  },
  {
    type: 'error',
    inputs: [{ name: 'owner', internalType: 'address', type: 'address' }],
    name: 'OwnableInvalidOwner',
  },
  {
    type: 'error',
    inputs: [{ name: 'account', internalType: 'address', type: 'address' }],
    name: 'OwnableUnauthorizedAccount',
  },
  { type: 'error', inputs: [], name: 'ReentrancyGuardReentrantCall' },
  {
    type: 'error',
    inputs: [{ name: 'router', internalType: 'bytes32', type: 'bytes32' }],
    name: 'RouterAlreadyEnrolled',
  },
  { type: 'error', inputs: [], name: 'RouterNotEnrolled' },
  {
    type: 'error',
    inputs: [{ name: 'market', internalType: 'address', type: 'address' }],
    name: 'UnknownMarket',
  },
  {
    type: 'error',
    inputs: [{ name: 'kind', internalType: 'uint8', type: 'uint8' }],
    name: 'UnknownMessageKind',
  },
  {
    type: 'error',
    inputs: [{ name: 'remoteToken', internalType: 'address', type: 'address' }],
    name: 'UnknownRemoteAsset',
  },
  { type: 'error', inputs: [], name: 'ZeroValue' },
] as const

//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////
// CollateralOutpost
//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////

export const collateralOutpostAbi = [
  {
    type: 'constructor',
    inputs: [
      { name: 'mailbox_', internalType: 'contract IMailbox', type: 'address' },
      { name: 'remoteDomain_', internalType: 'uint32', type: 'uint32' },
      {
        name: 'ism_',
        internalType: 'contract IInterchainSecurityModule',
        type: 'address',
      },
      { name: 'owner_', internalType: 'address', type: 'address' },
    ],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'acceptOwnership',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'token', internalType: 'address', type: 'address' },
      { name: 'amount', internalType: 'uint256', type: 'uint256' },
      { name: 'market', internalType: 'address', type: 'address' },
      { name: 'vaultId', internalType: 'uint256', type: 'uint256' },
      { name: 'account', internalType: 'address', type: 'address' },
    ],
    name: 'deposit',
    outputs: [{ name: 'messageId', internalType: 'bytes32', type: 'bytes32' }],
    stateMutability: 'payable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'depositNonce',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'token', internalType: 'address', type: 'address' }],
    name: 'deposited',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'router', internalType: 'bytes32', type: 'bytes32' }],
    name: 'enrollRemoteRouter',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'origin', internalType: 'uint32', type: 'uint32' },
      { name: 'sender', internalType: 'bytes32', type: 'bytes32' },
      { name: 'body', internalType: 'bytes', type: 'bytes' },
    ],
    name: 'handle',
    outputs: [],
    stateMutability: 'payable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'interchainSecurityModule',
    outputs: [
      {
        name: '',
        internalType: 'contract IInterchainSecurityModule',
        type: 'address',
      },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'ism',
    outputs: [
      {
        name: '',
        internalType: 'contract IInterchainSecurityModule',
        type: 'address',
      },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'token', internalType: 'address', type: 'address' }],
    name: 'locked',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'mailbox',
    outputs: [{ name: '', internalType: 'contract IMailbox', type: 'address' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'owner',
    outputs: [{ name: '', internalType: 'address', type: 'address' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'pendingOwner',
    outputs: [{ name: '', internalType: 'address', type: 'address' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'token', internalType: 'address', type: 'address' },
      { name: 'amount', internalType: 'uint256', type: 'uint256' },
      { name: 'market', internalType: 'address', type: 'address' },
      { name: 'vaultId', internalType: 'uint256', type: 'uint256' },
      { name: 'account', internalType: 'address', type: 'address' },
    ],
    name: 'quoteDeposit',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'token', internalType: 'address', type: 'address' }],
    name: 'released',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'remoteDomain',
    outputs: [{ name: '', internalType: 'uint32', type: 'uint32' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'remoteRouter',
    outputs: [{ name: '', internalType: 'bytes32', type: 'bytes32' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'renounceOwnership',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'token', internalType: 'address', type: 'address' },
      { name: 'ok', internalType: 'bool', type: 'bool' },
    ],
    name: 'setSupported',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [{ name: 'token', internalType: 'address', type: 'address' }],
    name: 'supported',
    outputs: [{ name: '', internalType: 'bool', type: 'bool' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'newOwner', internalType: 'address', type: 'address' }],
    name: 'transferOwnership',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'messageId',
        internalType: 'bytes32',
        type: 'bytes32',
        indexed: true,
      },
      {
        name: 'nonce',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      { name: 'from', internalType: 'address', type: 'address', indexed: true },
      {
        name: 'token',
        internalType: 'address',
        type: 'address',
        indexed: false,
      },
      {
        name: 'amount',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'market',
        internalType: 'address',
        type: 'address',
        indexed: false,
      },
      {
        name: 'vaultId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'account',
        internalType: 'address',
        type: 'address',
        indexed: false,
      },
    ],
    name: 'Deposited',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'previousOwner',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'newOwner',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
    ],
    name: 'OwnershipTransferStarted',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'previousOwner',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'newOwner',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
    ],
    name: 'OwnershipTransferred',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'nonce',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'recipient',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'token',
        internalType: 'address',
        type: 'address',
        indexed: false,
      },
      {
        name: 'amount',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
    ],
    name: 'Released',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      { name: 'domain', internalType: 'uint32', type: 'uint32', indexed: true },
      {
        name: 'router',
        internalType: 'bytes32',
        type: 'bytes32',
        indexed: false,
      },
    ],
    name: 'RemoteRouterEnrolled',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'token',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      { name: 'supported', internalType: 'bool', type: 'bool', indexed: false },
    ],
    name: 'SupportedSet',
  },
  {
    type: 'error',
    inputs: [{ name: 'origin', internalType: 'uint32', type: 'uint32' }],
    name: 'ForeignOrigin',
  },
  {
    type: 'error',
    inputs: [{ name: 'sender', internalType: 'bytes32', type: 'bytes32' }],
    name: 'ForeignSender',
  },
  {
    type: 'error',
    inputs: [{ name: 'caller', internalType: 'address', type: 'address' }],
    name: 'NotMailbox',
  },
  {
    type: 'error',
    inputs: [{ name: 'owner', internalType: 'address', type: 'address' }],
    name: 'OwnableInvalidOwner',
  },
  {
    type: 'error',
    inputs: [{ name: 'account', internalType: 'address', type: 'address' }],
    name: 'OwnableUnauthorizedAccount',
  },
  { type: 'error', inputs: [], name: 'ReentrancyGuardReentrantCall' },
  {
    type: 'error',
    inputs: [
      { name: 'token', internalType: 'address', type: 'address' },
      { name: 'amount', internalType: 'uint256', type: 'uint256' },
      { name: 'locked', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'ReleaseExceedsLocked',
  },
  {
    type: 'error',
    inputs: [{ name: 'router', internalType: 'bytes32', type: 'bytes32' }],
    name: 'RouterAlreadyEnrolled',
  },
  { type: 'error', inputs: [], name: 'RouterNotEnrolled' },
  {
    type: 'error',
    inputs: [{ name: 'token', internalType: 'address', type: 'address' }],
    name: 'SafeERC20FailedOperation',
  },
  {
    type: 'error',
    inputs: [
      { name: 'token', internalType: 'address', type: 'address' },
      { name: 'expected', internalType: 'uint256', type: 'uint256' },
      { name: 'received', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'TransferAmountMismatch',
  },
  {
    type: 'error',
    inputs: [{ name: 'kind', internalType: 'uint8', type: 'uint8' }],
    name: 'UnknownMessageKind',
  },
  {
    type: 'error',
    inputs: [{ name: 'token', internalType: 'address', type: 'address' }],
    name: 'UnsupportedAsset',
  },
  { type: 'error', inputs: [], name: 'ZeroValue' },
] as const

//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////
// DevERC20
//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////

export const devErc20Abi = [
  {
    type: 'constructor',
    inputs: [
      { name: 'name_', internalType: 'string', type: 'string' },
      { name: 'symbol_', internalType: 'string', type: 'string' },
      { name: 'decimals_', internalType: 'uint8', type: 'uint8' },
    ],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'owner', internalType: 'address', type: 'address' },
      { name: 'spender', internalType: 'address', type: 'address' },
    ],
    name: 'allowance',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'spender', internalType: 'address', type: 'address' },
      { name: 'value', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'approve',
    outputs: [{ name: '', internalType: 'bool', type: 'bool' }],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [{ name: 'account', internalType: 'address', type: 'address' }],
    name: 'balanceOf',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'decimals',
    outputs: [{ name: '', internalType: 'uint8', type: 'uint8' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'to', internalType: 'address', type: 'address' },
      { name: 'amount', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'mint',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'name',
    outputs: [{ name: '', internalType: 'string', type: 'string' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'symbol',
    outputs: [{ name: '', internalType: 'string', type: 'string' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'totalSupply',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'to', internalType: 'address', type: 'address' },
      { name: 'value', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'transfer',
    outputs: [{ name: '', internalType: 'bool', type: 'bool' }],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'from', internalType: 'address', type: 'address' },
      { name: 'to', internalType: 'address', type: 'address' },
      { name: 'value', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'transferFrom',
    outputs: [{ name: '', internalType: 'bool', type: 'bool' }],
    stateMutability: 'nonpayable',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'owner',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'spender',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'value',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
    ],
    name: 'Approval',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      { name: 'from', internalType: 'address', type: 'address', indexed: true },
      { name: 'to', internalType: 'address', type: 'address', indexed: true },
      {
        name: 'value',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
    ],
    name: 'Transfer',
  },
  {
    type: 'error',
    inputs: [
      { name: 'spender', internalType: 'address', type: 'address' },
      { name: 'allowance', internalType: 'uint256', type: 'uint256' },
      { name: 'needed', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'ERC20InsufficientAllowance',
  },
  {
    type: 'error',
    inputs: [
      { name: 'sender', internalType: 'address', type: 'address' },
      { name: 'balance', internalType: 'uint256', type: 'uint256' },
      { name: 'needed', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'ERC20InsufficientBalance',
  },
  {
    type: 'error',
    inputs: [{ name: 'approver', internalType: 'address', type: 'address' }],
    name: 'ERC20InvalidApprover',
  },
  {
    type: 'error',
    inputs: [{ name: 'receiver', internalType: 'address', type: 'address' }],
    name: 'ERC20InvalidReceiver',
  },
  {
    type: 'error',
    inputs: [{ name: 'sender', internalType: 'address', type: 'address' }],
    name: 'ERC20InvalidSender',
  },
  {
    type: 'error',
    inputs: [{ name: 'spender', internalType: 'address', type: 'address' }],
    name: 'ERC20InvalidSpender',
  },
] as const

//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////
// DevPriceFeed
//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////

export const devPriceFeedAbi = [
  {
    type: 'constructor',
    inputs: [
      { name: 'owner_', internalType: 'address', type: 'address' },
      { name: 'decimals_', internalType: 'uint8', type: 'uint8' },
      { name: 'description_', internalType: 'string', type: 'string' },
      { name: 'initialAnswer', internalType: 'int256', type: 'int256' },
    ],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'decimals',
    outputs: [{ name: '', internalType: 'uint8', type: 'uint8' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'description',
    outputs: [{ name: '', internalType: 'string', type: 'string' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'roundId', internalType: 'uint80', type: 'uint80' }],
    name: 'getRoundData',
    outputs: [
      { name: '', internalType: 'uint80', type: 'uint80' },
      { name: '', internalType: 'int256', type: 'int256' },
      { name: '', internalType: 'uint256', type: 'uint256' },
      { name: '', internalType: 'uint256', type: 'uint256' },
      { name: '', internalType: 'uint80', type: 'uint80' },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'latestAnswer',
    outputs: [{ name: '', internalType: 'int256', type: 'int256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'latestRound',
    outputs: [{ name: '', internalType: 'uint80', type: 'uint80' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'latestRoundData',
    outputs: [
      { name: '', internalType: 'uint80', type: 'uint80' },
      { name: '', internalType: 'int256', type: 'int256' },
      { name: '', internalType: 'uint256', type: 'uint256' },
      { name: '', internalType: 'uint256', type: 'uint256' },
      { name: '', internalType: 'uint80', type: 'uint80' },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'latestTimestamp',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'owner',
    outputs: [{ name: '', internalType: 'address', type: 'address' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'renounceOwnership',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [{ name: 'answer', internalType: 'int256', type: 'int256' }],
    name: 'setAnswer',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'answer', internalType: 'int256', type: 'int256' },
      { name: 'updatedAt', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'setAnswerAt',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [{ name: 'newOwner', internalType: 'address', type: 'address' }],
    name: 'transferOwnership',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'version',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'current',
        internalType: 'int256',
        type: 'int256',
        indexed: true,
      },
      {
        name: 'roundId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'updatedAt',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
    ],
    name: 'AnswerUpdated',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'previousOwner',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'newOwner',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
    ],
    name: 'OwnershipTransferred',
  },
  {
    type: 'error',
    inputs: [{ name: 'roundId', internalType: 'uint80', type: 'uint80' }],
    name: 'NoRound',
  },
  {
    type: 'error',
    inputs: [{ name: 'owner', internalType: 'address', type: 'address' }],
    name: 'OwnableInvalidOwner',
  },
  {
    type: 'error',
    inputs: [{ name: 'account', internalType: 'address', type: 'address' }],
    name: 'OwnableUnauthorizedAccount',
  },
  {
    type: 'error',
    inputs: [{ name: 'updatedAt', internalType: 'uint256', type: 'uint256' }],
    name: 'TimestampInFuture',
  },
] as const

//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////
// DevRiskSeeder
//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////

export const devRiskSeederAbi = [
  {
    type: 'function',
    inputs: [
      { name: 'market', internalType: 'contract IKeelMarket', type: 'address' },
      { name: 'assets', internalType: 'address[]', type: 'address[]' },
      {
        name: 'vaults',
        internalType: 'struct DevRiskSeeder.SeedVault[]',
        type: 'tuple[]',
        components: [
          { name: 'owner', internalType: 'address', type: 'address' },
          { name: 'amounts', internalType: 'uint256[]', type: 'uint256[]' },
          { name: 'borrow', internalType: 'uint256', type: 'uint256' },
        ],
      },
    ],
    name: 'seed',
    outputs: [{ name: 'firstId', internalType: 'uint256', type: 'uint256' }],
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
      {
        name: 'firstId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'count',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
    ],
    name: 'Seeded',
  },
  {
    type: 'error',
    inputs: [
      { name: 'index', internalType: 'uint256', type: 'uint256' },
      { name: 'amounts', internalType: 'uint256', type: 'uint256' },
      { name: 'assets', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'AmountsMismatch',
  },
] as const

//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////
// IEAS
//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////

export const ieasAbi = [
  {
    type: 'function',
    inputs: [
      {
        name: 'request',
        internalType: 'struct AttestationRequest',
        type: 'tuple',
        components: [
          { name: 'schema', internalType: 'bytes32', type: 'bytes32' },
          {
            name: 'data',
            internalType: 'struct AttestationRequestData',
            type: 'tuple',
            components: [
              { name: 'recipient', internalType: 'address', type: 'address' },
              {
                name: 'expirationTime',
                internalType: 'uint64',
                type: 'uint64',
              },
              { name: 'revocable', internalType: 'bool', type: 'bool' },
              { name: 'refUID', internalType: 'bytes32', type: 'bytes32' },
              { name: 'data', internalType: 'bytes', type: 'bytes' },
              { name: 'value', internalType: 'uint256', type: 'uint256' },
            ],
          },
        ],
      },
    ],
    name: 'attest',
    outputs: [{ name: '', internalType: 'bytes32', type: 'bytes32' }],
    stateMutability: 'payable',
  },
  {
    type: 'function',
    inputs: [
      {
        name: 'delegatedRequest',
        internalType: 'struct DelegatedAttestationRequest',
        type: 'tuple',
        components: [
          { name: 'schema', internalType: 'bytes32', type: 'bytes32' },
          {
            name: 'data',
            internalType: 'struct AttestationRequestData',
            type: 'tuple',
            components: [
              { name: 'recipient', internalType: 'address', type: 'address' },
              {
                name: 'expirationTime',
                internalType: 'uint64',
                type: 'uint64',
              },
              { name: 'revocable', internalType: 'bool', type: 'bool' },
              { name: 'refUID', internalType: 'bytes32', type: 'bytes32' },
              { name: 'data', internalType: 'bytes', type: 'bytes' },
              { name: 'value', internalType: 'uint256', type: 'uint256' },
            ],
          },
          {
            name: 'signature',
            internalType: 'struct Signature',
            type: 'tuple',
            components: [
              { name: 'v', internalType: 'uint8', type: 'uint8' },
              { name: 'r', internalType: 'bytes32', type: 'bytes32' },
              { name: 's', internalType: 'bytes32', type: 'bytes32' },
            ],
          },
          { name: 'attester', internalType: 'address', type: 'address' },
          { name: 'deadline', internalType: 'uint64', type: 'uint64' },
        ],
      },
    ],
    name: 'attestByDelegation',
    outputs: [{ name: '', internalType: 'bytes32', type: 'bytes32' }],
    stateMutability: 'payable',
  },
  {
    type: 'function',
    inputs: [{ name: 'uid', internalType: 'bytes32', type: 'bytes32' }],
    name: 'getAttestation',
    outputs: [
      {
        name: '',
        internalType: 'struct Attestation',
        type: 'tuple',
        components: [
          { name: 'uid', internalType: 'bytes32', type: 'bytes32' },
          { name: 'schema', internalType: 'bytes32', type: 'bytes32' },
          { name: 'time', internalType: 'uint64', type: 'uint64' },
          { name: 'expirationTime', internalType: 'uint64', type: 'uint64' },
          { name: 'revocationTime', internalType: 'uint64', type: 'uint64' },
          { name: 'refUID', internalType: 'bytes32', type: 'bytes32' },
          { name: 'recipient', internalType: 'address', type: 'address' },
          { name: 'attester', internalType: 'address', type: 'address' },
          { name: 'revocable', internalType: 'bool', type: 'bool' },
          { name: 'data', internalType: 'bytes', type: 'bytes' },
        ],
      },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'revoker', internalType: 'address', type: 'address' },
      { name: 'data', internalType: 'bytes32', type: 'bytes32' },
    ],
    name: 'getRevokeOffchain',
    outputs: [{ name: '', internalType: 'uint64', type: 'uint64' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'getSchemaRegistry',
    outputs: [
      { name: '', internalType: 'contract ISchemaRegistry', type: 'address' },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'data', internalType: 'bytes32', type: 'bytes32' }],
    name: 'getTimestamp',
    outputs: [{ name: '', internalType: 'uint64', type: 'uint64' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'uid', internalType: 'bytes32', type: 'bytes32' }],
    name: 'isAttestationValid',
    outputs: [{ name: '', internalType: 'bool', type: 'bool' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      {
        name: 'multiRequests',
        internalType: 'struct MultiAttestationRequest[]',
        type: 'tuple[]',
        components: [
          { name: 'schema', internalType: 'bytes32', type: 'bytes32' },
          {
            name: 'data',
            internalType: 'struct AttestationRequestData[]',
            type: 'tuple[]',
            components: [
              { name: 'recipient', internalType: 'address', type: 'address' },
              {
                name: 'expirationTime',
                internalType: 'uint64',
                type: 'uint64',
              },
              { name: 'revocable', internalType: 'bool', type: 'bool' },
              { name: 'refUID', internalType: 'bytes32', type: 'bytes32' },
              { name: 'data', internalType: 'bytes', type: 'bytes' },
              { name: 'value', internalType: 'uint256', type: 'uint256' },
            ],
          },
        ],
      },
    ],
    name: 'multiAttest',
    outputs: [{ name: '', internalType: 'bytes32[]', type: 'bytes32[]' }],
    stateMutability: 'payable',
  },
  {
    type: 'function',
    inputs: [
      {
        name: 'multiDelegatedRequests',
        internalType: 'struct MultiDelegatedAttestationRequest[]',
        type: 'tuple[]',
        components: [
          { name: 'schema', internalType: 'bytes32', type: 'bytes32' },
          {
            name: 'data',
            internalType: 'struct AttestationRequestData[]',
            type: 'tuple[]',
            components: [
              { name: 'recipient', internalType: 'address', type: 'address' },
              {
                name: 'expirationTime',
                internalType: 'uint64',
                type: 'uint64',
              },
              { name: 'revocable', internalType: 'bool', type: 'bool' },
              { name: 'refUID', internalType: 'bytes32', type: 'bytes32' },
              { name: 'data', internalType: 'bytes', type: 'bytes' },
              { name: 'value', internalType: 'uint256', type: 'uint256' },
            ],
          },
          {
            name: 'signatures',
            internalType: 'struct Signature[]',
            type: 'tuple[]',
            components: [
              { name: 'v', internalType: 'uint8', type: 'uint8' },
              { name: 'r', internalType: 'bytes32', type: 'bytes32' },
              { name: 's', internalType: 'bytes32', type: 'bytes32' },
            ],
          },
          { name: 'attester', internalType: 'address', type: 'address' },
          { name: 'deadline', internalType: 'uint64', type: 'uint64' },
        ],
      },
    ],
    name: 'multiAttestByDelegation',
    outputs: [{ name: '', internalType: 'bytes32[]', type: 'bytes32[]' }],
    stateMutability: 'payable',
  },
  {
    type: 'function',
    inputs: [
      {
        name: 'multiRequests',
        internalType: 'struct MultiRevocationRequest[]',
        type: 'tuple[]',
        components: [
          { name: 'schema', internalType: 'bytes32', type: 'bytes32' },
          {
            name: 'data',
            internalType: 'struct RevocationRequestData[]',
            type: 'tuple[]',
            components: [
              { name: 'uid', internalType: 'bytes32', type: 'bytes32' },
              { name: 'value', internalType: 'uint256', type: 'uint256' },
            ],
          },
        ],
      },
    ],
    name: 'multiRevoke',
    outputs: [],
    stateMutability: 'payable',
  },
  {
    type: 'function',
    inputs: [
      {
        name: 'multiDelegatedRequests',
        internalType: 'struct MultiDelegatedRevocationRequest[]',
        type: 'tuple[]',
        components: [
          { name: 'schema', internalType: 'bytes32', type: 'bytes32' },
          {
            name: 'data',
            internalType: 'struct RevocationRequestData[]',
            type: 'tuple[]',
            components: [
              { name: 'uid', internalType: 'bytes32', type: 'bytes32' },
              { name: 'value', internalType: 'uint256', type: 'uint256' },
            ],
          },
          {
            name: 'signatures',
            internalType: 'struct Signature[]',
            type: 'tuple[]',
            components: [
              { name: 'v', internalType: 'uint8', type: 'uint8' },
              { name: 'r', internalType: 'bytes32', type: 'bytes32' },
              { name: 's', internalType: 'bytes32', type: 'bytes32' },
            ],
          },
          { name: 'revoker', internalType: 'address', type: 'address' },
          { name: 'deadline', internalType: 'uint64', type: 'uint64' },
        ],
      },
    ],
    name: 'multiRevokeByDelegation',
    outputs: [],
    stateMutability: 'payable',
  },
  {
    type: 'function',
    inputs: [{ name: 'data', internalType: 'bytes32[]', type: 'bytes32[]' }],
    name: 'multiRevokeOffchain',
    outputs: [{ name: '', internalType: 'uint64', type: 'uint64' }],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [{ name: 'data', internalType: 'bytes32[]', type: 'bytes32[]' }],
    name: 'multiTimestamp',
    outputs: [{ name: '', internalType: 'uint64', type: 'uint64' }],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      {
        name: 'request',
        internalType: 'struct RevocationRequest',
        type: 'tuple',
        components: [
          { name: 'schema', internalType: 'bytes32', type: 'bytes32' },
          {
            name: 'data',
            internalType: 'struct RevocationRequestData',
            type: 'tuple',
            components: [
              { name: 'uid', internalType: 'bytes32', type: 'bytes32' },
              { name: 'value', internalType: 'uint256', type: 'uint256' },
            ],
          },
        ],
      },
    ],
    name: 'revoke',
    outputs: [],
    stateMutability: 'payable',
  },
  {
    type: 'function',
    inputs: [
      {
        name: 'delegatedRequest',
        internalType: 'struct DelegatedRevocationRequest',
        type: 'tuple',
        components: [
          { name: 'schema', internalType: 'bytes32', type: 'bytes32' },
          {
            name: 'data',
            internalType: 'struct RevocationRequestData',
            type: 'tuple',
            components: [
              { name: 'uid', internalType: 'bytes32', type: 'bytes32' },
              { name: 'value', internalType: 'uint256', type: 'uint256' },
            ],
          },
          {
            name: 'signature',
            internalType: 'struct Signature',
            type: 'tuple',
            components: [
              { name: 'v', internalType: 'uint8', type: 'uint8' },
              { name: 'r', internalType: 'bytes32', type: 'bytes32' },
              { name: 's', internalType: 'bytes32', type: 'bytes32' },
            ],
          },
          { name: 'revoker', internalType: 'address', type: 'address' },
          { name: 'deadline', internalType: 'uint64', type: 'uint64' },
        ],
      },
    ],
    name: 'revokeByDelegation',
    outputs: [],
    stateMutability: 'payable',
  },
  {
    type: 'function',
    inputs: [{ name: 'data', internalType: 'bytes32', type: 'bytes32' }],
    name: 'revokeOffchain',
    outputs: [{ name: '', internalType: 'uint64', type: 'uint64' }],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [{ name: 'data', internalType: 'bytes32', type: 'bytes32' }],
    name: 'timestamp',
    outputs: [{ name: '', internalType: 'uint64', type: 'uint64' }],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'version',
    outputs: [{ name: '', internalType: 'string', type: 'string' }],
    stateMutability: 'view',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'recipient',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'attester',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      { name: 'uid', internalType: 'bytes32', type: 'bytes32', indexed: false },
      {
        name: 'schemaUID',
        internalType: 'bytes32',
        type: 'bytes32',
        indexed: true,
      },
    ],
    name: 'Attested',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'recipient',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'attester',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      { name: 'uid', internalType: 'bytes32', type: 'bytes32', indexed: false },
      {
        name: 'schemaUID',
        internalType: 'bytes32',
        type: 'bytes32',
        indexed: true,
      },
    ],
    name: 'Revoked',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'revoker',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      { name: 'data', internalType: 'bytes32', type: 'bytes32', indexed: true },
      {
        name: 'timestamp',
        internalType: 'uint64',
        type: 'uint64',
        indexed: true,
      },
    ],
    name: 'RevokedOffchain',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      { name: 'data', internalType: 'bytes32', type: 'bytes32', indexed: true },
      {
        name: 'timestamp',
        internalType: 'uint64',
        type: 'uint64',
        indexed: true,
      },
    ],
    name: 'Timestamped',
  },
] as const

//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////
// IGuardAavePool
//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////

export const iGuardAavePoolAbi = [
  {
    type: 'function',
    inputs: [],
    name: 'FLASHLOAN_PREMIUM_TOTAL',
    outputs: [{ name: '', internalType: 'uint128', type: 'uint128' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'asset', internalType: 'address', type: 'address' },
      { name: 'amount', internalType: 'uint256', type: 'uint256' },
      { name: 'rateMode', internalType: 'uint256', type: 'uint256' },
      { name: 'referral', internalType: 'uint16', type: 'uint16' },
      { name: 'onBehalfOf', internalType: 'address', type: 'address' },
    ],
    name: 'borrow',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'receiver', internalType: 'address', type: 'address' },
      { name: 'asset', internalType: 'address', type: 'address' },
      { name: 'amount', internalType: 'uint256', type: 'uint256' },
      { name: 'params', internalType: 'bytes', type: 'bytes' },
      { name: 'referral', internalType: 'uint16', type: 'uint16' },
    ],
    name: 'flashLoanSimple',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [{ name: 'id', internalType: 'uint8', type: 'uint8' }],
    name: 'getEModeCategoryData',
    outputs: [
      {
        name: '',
        internalType: 'struct AaveEModeCategory',
        type: 'tuple',
        components: [
          { name: 'ltv', internalType: 'uint16', type: 'uint16' },
          {
            name: 'liquidationThreshold',
            internalType: 'uint16',
            type: 'uint16',
          },
          { name: 'liquidationBonus', internalType: 'uint16', type: 'uint16' },
          { name: 'priceSource', internalType: 'address', type: 'address' },
          { name: 'label', internalType: 'string', type: 'string' },
        ],
      },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'asset', internalType: 'address', type: 'address' }],
    name: 'getReserveData',
    outputs: [
      {
        name: '',
        internalType: 'struct AaveReserveData',
        type: 'tuple',
        components: [
          { name: 'configuration', internalType: 'uint256', type: 'uint256' },
          { name: 'liquidityIndex', internalType: 'uint128', type: 'uint128' },
          {
            name: 'currentLiquidityRate',
            internalType: 'uint128',
            type: 'uint128',
          },
          {
            name: 'variableBorrowIndex',
            internalType: 'uint128',
            type: 'uint128',
          },
          {
            name: 'currentVariableBorrowRate',
            internalType: 'uint128',
            type: 'uint128',
          },
          {
            name: 'currentStableBorrowRate',
            internalType: 'uint128',
            type: 'uint128',
          },
          {
            name: 'lastUpdateTimestamp',
            internalType: 'uint40',
            type: 'uint40',
          },
          { name: 'id', internalType: 'uint16', type: 'uint16' },
          { name: 'aTokenAddress', internalType: 'address', type: 'address' },
          {
            name: 'stableDebtTokenAddress',
            internalType: 'address',
            type: 'address',
          },
          {
            name: 'variableDebtTokenAddress',
            internalType: 'address',
            type: 'address',
          },
          {
            name: 'interestRateStrategyAddress',
            internalType: 'address',
            type: 'address',
          },
          {
            name: 'accruedToTreasury',
            internalType: 'uint128',
            type: 'uint128',
          },
          { name: 'unbacked', internalType: 'uint128', type: 'uint128' },
          {
            name: 'isolationModeTotalDebt',
            internalType: 'uint128',
            type: 'uint128',
          },
        ],
      },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'user', internalType: 'address', type: 'address' }],
    name: 'getUserAccountData',
    outputs: [
      { name: 'totalCollateralBase', internalType: 'uint256', type: 'uint256' },
      { name: 'totalDebtBase', internalType: 'uint256', type: 'uint256' },
      { name: '', internalType: 'uint256', type: 'uint256' },
      {
        name: 'liquidationThreshold',
        internalType: 'uint256',
        type: 'uint256',
      },
      { name: '', internalType: 'uint256', type: 'uint256' },
      { name: '', internalType: 'uint256', type: 'uint256' },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'user', internalType: 'address', type: 'address' }],
    name: 'getUserEMode',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'asset', internalType: 'address', type: 'address' },
      { name: 'amount', internalType: 'uint256', type: 'uint256' },
      { name: 'rateMode', internalType: 'uint256', type: 'uint256' },
      { name: 'onBehalfOf', internalType: 'address', type: 'address' },
    ],
    name: 'repay',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'asset', internalType: 'address', type: 'address' },
      { name: 'amount', internalType: 'uint256', type: 'uint256' },
      { name: 'onBehalfOf', internalType: 'address', type: 'address' },
      { name: 'referral', internalType: 'uint16', type: 'uint16' },
    ],
    name: 'supply',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'asset', internalType: 'address', type: 'address' },
      { name: 'amount', internalType: 'uint256', type: 'uint256' },
      { name: 'to', internalType: 'address', type: 'address' },
    ],
    name: 'withdraw',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'nonpayable',
  },
] as const

//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////
// IGuardAdapter
//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////

export const iGuardAdapterAbi = [
  {
    type: 'function',
    inputs: [{ name: 'position', internalType: 'bytes', type: 'bytes' }],
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
    inputs: [{ name: 'position', internalType: 'bytes', type: 'bytes' }],
    name: 'snapshot',
    outputs: [
      {
        name: '',
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

//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////
// IGuardCreditDelegation
//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////

export const iGuardCreditDelegationAbi = [
  {
    type: 'function',
    inputs: [
      { name: 'delegatee', internalType: 'address', type: 'address' },
      { name: 'amount', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'approveDelegation',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'fromUser', internalType: 'address', type: 'address' },
      { name: 'toUser', internalType: 'address', type: 'address' },
    ],
    name: 'borrowAllowance',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
] as const

//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////
// IGuardMorpho
//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////

export const iGuardMorphoAbi = [
  {
    type: 'function',
    inputs: [
      {
        name: 'marketParams',
        internalType: 'struct MorphoMarketParams',
        type: 'tuple',
        components: [
          { name: 'loanToken', internalType: 'address', type: 'address' },
          { name: 'collateralToken', internalType: 'address', type: 'address' },
          { name: 'oracle', internalType: 'address', type: 'address' },
          { name: 'irm', internalType: 'address', type: 'address' },
          { name: 'lltv', internalType: 'uint256', type: 'uint256' },
        ],
      },
    ],
    name: 'accrueInterest',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      {
        name: 'p',
        internalType: 'struct MorphoMarketParams',
        type: 'tuple',
        components: [
          { name: 'loanToken', internalType: 'address', type: 'address' },
          { name: 'collateralToken', internalType: 'address', type: 'address' },
          { name: 'oracle', internalType: 'address', type: 'address' },
          { name: 'irm', internalType: 'address', type: 'address' },
          { name: 'lltv', internalType: 'uint256', type: 'uint256' },
        ],
      },
      { name: 'assets', internalType: 'uint256', type: 'uint256' },
      { name: 'shares', internalType: 'uint256', type: 'uint256' },
      { name: 'onBehalf', internalType: 'address', type: 'address' },
      { name: 'receiver', internalType: 'address', type: 'address' },
    ],
    name: 'borrow',
    outputs: [
      { name: '', internalType: 'uint256', type: 'uint256' },
      { name: '', internalType: 'uint256', type: 'uint256' },
    ],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'token', internalType: 'address', type: 'address' },
      { name: 'assets', internalType: 'uint256', type: 'uint256' },
      { name: 'data', internalType: 'bytes', type: 'bytes' },
    ],
    name: 'flashLoan',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [{ name: 'id', internalType: 'bytes32', type: 'bytes32' }],
    name: 'idToMarketParams',
    outputs: [
      {
        name: '',
        internalType: 'struct MorphoMarketParams',
        type: 'tuple',
        components: [
          { name: 'loanToken', internalType: 'address', type: 'address' },
          { name: 'collateralToken', internalType: 'address', type: 'address' },
          { name: 'oracle', internalType: 'address', type: 'address' },
          { name: 'irm', internalType: 'address', type: 'address' },
          { name: 'lltv', internalType: 'uint256', type: 'uint256' },
        ],
      },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'authorizer', internalType: 'address', type: 'address' },
      { name: 'authorized', internalType: 'address', type: 'address' },
    ],
    name: 'isAuthorized',
    outputs: [{ name: '', internalType: 'bool', type: 'bool' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'id', internalType: 'bytes32', type: 'bytes32' }],
    name: 'market',
    outputs: [
      { name: 'totalSupplyAssets', internalType: 'uint128', type: 'uint128' },
      { name: 'totalSupplyShares', internalType: 'uint128', type: 'uint128' },
      { name: 'totalBorrowAssets', internalType: 'uint128', type: 'uint128' },
      { name: 'totalBorrowShares', internalType: 'uint128', type: 'uint128' },
      { name: 'lastUpdate', internalType: 'uint128', type: 'uint128' },
      { name: 'fee', internalType: 'uint128', type: 'uint128' },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'id', internalType: 'bytes32', type: 'bytes32' },
      { name: 'user', internalType: 'address', type: 'address' },
    ],
    name: 'position',
    outputs: [
      { name: 'supplyShares', internalType: 'uint256', type: 'uint256' },
      { name: 'borrowShares', internalType: 'uint128', type: 'uint128' },
      { name: 'collateral', internalType: 'uint128', type: 'uint128' },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      {
        name: 'p',
        internalType: 'struct MorphoMarketParams',
        type: 'tuple',
        components: [
          { name: 'loanToken', internalType: 'address', type: 'address' },
          { name: 'collateralToken', internalType: 'address', type: 'address' },
          { name: 'oracle', internalType: 'address', type: 'address' },
          { name: 'irm', internalType: 'address', type: 'address' },
          { name: 'lltv', internalType: 'uint256', type: 'uint256' },
        ],
      },
      { name: 'assets', internalType: 'uint256', type: 'uint256' },
      { name: 'shares', internalType: 'uint256', type: 'uint256' },
      { name: 'onBehalf', internalType: 'address', type: 'address' },
      { name: 'data', internalType: 'bytes', type: 'bytes' },
    ],
    name: 'repay',
    outputs: [
      { name: '', internalType: 'uint256', type: 'uint256' },
      { name: '', internalType: 'uint256', type: 'uint256' },
    ],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'authorized', internalType: 'address', type: 'address' },
      { name: 'newIsAuthorized', internalType: 'bool', type: 'bool' },
    ],
    name: 'setAuthorization',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      {
        name: 'p',
        internalType: 'struct MorphoMarketParams',
        type: 'tuple',
        components: [
          { name: 'loanToken', internalType: 'address', type: 'address' },
          { name: 'collateralToken', internalType: 'address', type: 'address' },
          { name: 'oracle', internalType: 'address', type: 'address' },
          { name: 'irm', internalType: 'address', type: 'address' },
          { name: 'lltv', internalType: 'uint256', type: 'uint256' },
        ],
      },
      { name: 'assets', internalType: 'uint256', type: 'uint256' },
      { name: 'onBehalf', internalType: 'address', type: 'address' },
      { name: 'data', internalType: 'bytes', type: 'bytes' },
    ],
    name: 'supplyCollateral',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      {
        name: 'p',
        internalType: 'struct MorphoMarketParams',
        type: 'tuple',
        components: [
          { name: 'loanToken', internalType: 'address', type: 'address' },
          { name: 'collateralToken', internalType: 'address', type: 'address' },
          { name: 'oracle', internalType: 'address', type: 'address' },
          { name: 'irm', internalType: 'address', type: 'address' },
          { name: 'lltv', internalType: 'uint256', type: 'uint256' },
        ],
      },
      { name: 'assets', internalType: 'uint256', type: 'uint256' },
      { name: 'onBehalf', internalType: 'address', type: 'address' },
      { name: 'receiver', internalType: 'address', type: 'address' },
    ],
    name: 'withdrawCollateral',
    outputs: [],
    stateMutability: 'nonpayable',
  },
] as const

//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////
// ISwapAdapter
//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////

export const iSwapAdapterAbi = [
  {
    type: 'function',
    inputs: [
      { name: 'tokenIn', internalType: 'address', type: 'address' },
      { name: 'tokenOut', internalType: 'address', type: 'address' },
      { name: 'amountIn', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'quoteExactIn',
    outputs: [{ name: 'amountOut', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'tokenIn', internalType: 'address', type: 'address' },
      { name: 'tokenOut', internalType: 'address', type: 'address' },
      { name: 'amountOut', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'quoteExactOut',
    outputs: [{ name: 'amountIn', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'tokenIn', internalType: 'address', type: 'address' },
      { name: 'tokenOut', internalType: 'address', type: 'address' },
      { name: 'amountIn', internalType: 'uint256', type: 'uint256' },
      { name: 'minAmountOut', internalType: 'uint256', type: 'uint256' },
      { name: 'receiver', internalType: 'address', type: 'address' },
    ],
    name: 'swapExactIn',
    outputs: [{ name: 'amountOut', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'tokenIn', internalType: 'address', type: 'address' },
      { name: 'tokenOut', internalType: 'address', type: 'address' },
      { name: 'amountOut', internalType: 'uint256', type: 'uint256' },
      { name: 'maxAmountIn', internalType: 'uint256', type: 'uint256' },
      { name: 'receiver', internalType: 'address', type: 'address' },
    ],
    name: 'swapExactOut',
    outputs: [{ name: 'amountIn', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'nonpayable',
  },
  {
    type: 'error',
    inputs: [
      { name: 'amountOut', internalType: 'uint256', type: 'uint256' },
      { name: 'reserveOut', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'InsufficientPoolLiquidity',
  },
  {
    type: 'error',
    inputs: [
      { name: 'amountIn', internalType: 'uint256', type: 'uint256' },
      { name: 'maxAmountIn', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'MaxInputExceeded',
  },
  {
    type: 'error',
    inputs: [
      { name: 'tokenIn', internalType: 'address', type: 'address' },
      { name: 'tokenOut', internalType: 'address', type: 'address' },
    ],
    name: 'NoPool',
  },
  {
    type: 'error',
    inputs: [
      { name: 'amountOut', internalType: 'uint256', type: 'uint256' },
      { name: 'minAmountOut', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'SlippageExceeded',
  },
] as const

//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////
// IUniswapV2Factory
//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////

export const iUniswapV2FactoryAbi = [
  {
    type: 'function',
    inputs: [
      { name: 'tokenA', internalType: 'address', type: 'address' },
      { name: 'tokenB', internalType: 'address', type: 'address' },
    ],
    name: 'createPair',
    outputs: [{ name: 'pair', internalType: 'address', type: 'address' }],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'tokenA', internalType: 'address', type: 'address' },
      { name: 'tokenB', internalType: 'address', type: 'address' },
    ],
    name: 'getPair',
    outputs: [{ name: 'pair', internalType: 'address', type: 'address' }],
    stateMutability: 'view',
  },
] as const

//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////
// IUniswapV2Pair
//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////

export const iUniswapV2PairAbi = [
  {
    type: 'function',
    inputs: [],
    name: 'getReserves',
    outputs: [
      { name: 'reserve0', internalType: 'uint112', type: 'uint112' },
      { name: 'reserve1', internalType: 'uint112', type: 'uint112' },
      { name: 'blockTimestampLast', internalType: 'uint32', type: 'uint32' },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'to', internalType: 'address', type: 'address' }],
    name: 'mint',
    outputs: [{ name: 'liquidity', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'amount0Out', internalType: 'uint256', type: 'uint256' },
      { name: 'amount1Out', internalType: 'uint256', type: 'uint256' },
      { name: 'to', internalType: 'address', type: 'address' },
      { name: 'data', internalType: 'bytes', type: 'bytes' },
    ],
    name: 'swap',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'sync',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'token0',
    outputs: [{ name: '', internalType: 'address', type: 'address' }],
    stateMutability: 'view',
  },
] as const

//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////
// KeelAutomation
//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////

export const keelAutomationAbi = [
  {
    type: 'function',
    inputs: [],
    name: 'MAX_FEE_BPS',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'MAX_RULE_LIFETIME',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'MAX_SLIPPAGE_BPS',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'MAX_TARGET',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'MAX_TRAIL_BPS',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'MIN_BOOST_TARGET',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'RULE_GAP',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'TARGET_TOLERANCE',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      {
        name: 'adapter',
        internalType: 'contract IGuardAdapter',
        type: 'address',
      },
      { name: 'position', internalType: 'bytes', type: 'bytes' },
      { name: 'kind', internalType: 'enum KeelAutomation.Kind', type: 'uint8' },
      { name: 'feeBps', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'execute',
    outputs: [
      {
        name: 'p',
        internalType: 'struct KeelAutomation.Plan',
        type: 'tuple',
        components: [
          { name: 'triggered', internalType: 'bool', type: 'bool' },
          {
            name: 'blocker',
            internalType: 'enum KeelAutomation.Blocker',
            type: 'uint8',
          },
          { name: 'observed', internalType: 'uint256', type: 'uint256' },
          { name: 'level', internalType: 'uint256', type: 'uint256' },
          { name: 'close', internalType: 'bool', type: 'bool' },
          { name: 'sell', internalType: 'uint256', type: 'uint256' },
          { name: 'repay', internalType: 'uint256', type: 'uint256' },
          { name: 'borrow', internalType: 'uint256', type: 'uint256' },
          { name: 'fee', internalType: 'uint256', type: 'uint256' },
          { name: 'minOut', internalType: 'uint256', type: 'uint256' },
          { name: 'flashFee', internalType: 'uint256', type: 'uint256' },
        ],
      },
    ],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      {
        name: 'adapter',
        internalType: 'contract IGuardAdapter',
        type: 'address',
      },
      { name: 'position', internalType: 'bytes', type: 'bytes' },
      { name: 'kind', internalType: 'enum KeelAutomation.Kind', type: 'uint8' },
    ],
    name: 'getRule',
    outputs: [
      {
        name: '',
        internalType: 'struct KeelAutomation.Rule',
        type: 'tuple',
        components: [
          { name: 'owner', internalType: 'address', type: 'address' },
          { name: 'maxSlippageBps', internalType: 'uint16', type: 'uint16' },
          { name: 'maxFeeBps', internalType: 'uint16', type: 'uint16' },
          { name: 'trailBps', internalType: 'uint16', type: 'uint16' },
          { name: 'paused', internalType: 'bool', type: 'bool' },
          { name: 'setAt', internalType: 'uint40', type: 'uint40' },
          { name: 'trigger', internalType: 'uint128', type: 'uint128' },
          { name: 'target', internalType: 'uint128', type: 'uint128' },
          { name: 'minCollateral', internalType: 'uint128', type: 'uint128' },
          { name: 'high', internalType: 'uint128', type: 'uint128' },
          { name: 'validUntil', internalType: 'uint40', type: 'uint40' },
        ],
      },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'positionKey', internalType: 'bytes32', type: 'bytes32' }],
    name: 'lastMoved',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      {
        name: 'adapter',
        internalType: 'contract IGuardAdapter',
        type: 'address',
      },
      { name: 'position', internalType: 'bytes', type: 'bytes' },
      { name: 'kind', internalType: 'enum KeelAutomation.Kind', type: 'uint8' },
      { name: 'feeBps', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'plan',
    outputs: [
      {
        name: 'p',
        internalType: 'struct KeelAutomation.Plan',
        type: 'tuple',
        components: [
          { name: 'triggered', internalType: 'bool', type: 'bool' },
          {
            name: 'blocker',
            internalType: 'enum KeelAutomation.Blocker',
            type: 'uint8',
          },
          { name: 'observed', internalType: 'uint256', type: 'uint256' },
          { name: 'level', internalType: 'uint256', type: 'uint256' },
          { name: 'close', internalType: 'bool', type: 'bool' },
          { name: 'sell', internalType: 'uint256', type: 'uint256' },
          { name: 'repay', internalType: 'uint256', type: 'uint256' },
          { name: 'borrow', internalType: 'uint256', type: 'uint256' },
          { name: 'fee', internalType: 'uint256', type: 'uint256' },
          { name: 'minOut', internalType: 'uint256', type: 'uint256' },
          { name: 'flashFee', internalType: 'uint256', type: 'uint256' },
        ],
      },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      {
        name: 'adapter',
        internalType: 'contract IGuardAdapter',
        type: 'address',
      },
      { name: 'position', internalType: 'bytes', type: 'bytes' },
    ],
    name: 'poke',
    outputs: [{ name: 'high', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      {
        name: 'adapter',
        internalType: 'contract IGuardAdapter',
        type: 'address',
      },
      { name: 'position', internalType: 'bytes', type: 'bytes' },
      { name: 'kind', internalType: 'enum KeelAutomation.Kind', type: 'uint8' },
    ],
    name: 'removeRule',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      {
        name: 'adapter',
        internalType: 'contract IGuardAdapter',
        type: 'address',
      },
      { name: 'position', internalType: 'bytes', type: 'bytes' },
      { name: 'kind', internalType: 'enum KeelAutomation.Kind', type: 'uint8' },
    ],
    name: 'ruleKey',
    outputs: [{ name: '', internalType: 'bytes32', type: 'bytes32' }],
    stateMutability: 'pure',
  },
  {
    type: 'function',
    inputs: [
      {
        name: 'adapter',
        internalType: 'contract IGuardAdapter',
        type: 'address',
      },
      { name: 'position', internalType: 'bytes', type: 'bytes' },
      { name: 'kind', internalType: 'enum KeelAutomation.Kind', type: 'uint8' },
      { name: 'paused', internalType: 'bool', type: 'bool' },
    ],
    name: 'setPaused',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      {
        name: 'adapter',
        internalType: 'contract IGuardAdapter',
        type: 'address',
      },
      { name: 'position', internalType: 'bytes', type: 'bytes' },
      { name: 'kind', internalType: 'enum KeelAutomation.Kind', type: 'uint8' },
      {
        name: 'p',
        internalType: 'struct KeelAutomation.Params',
        type: 'tuple',
        components: [
          { name: 'trigger', internalType: 'uint256', type: 'uint256' },
          { name: 'target', internalType: 'uint256', type: 'uint256' },
          { name: 'trailBps', internalType: 'uint256', type: 'uint256' },
          { name: 'minCollateral', internalType: 'uint256', type: 'uint256' },
          { name: 'maxSlippageBps', internalType: 'uint256', type: 'uint256' },
          { name: 'maxFeeBps', internalType: 'uint256', type: 'uint256' },
          { name: 'validUntil', internalType: 'uint256', type: 'uint256' },
        ],
      },
    ],
    name: 'setRule',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      { name: 'key', internalType: 'bytes32', type: 'bytes32', indexed: true },
      {
        name: 'high',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
    ],
    name: 'HighRecorded',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      { name: 'key', internalType: 'bytes32', type: 'bytes32', indexed: true },
      {
        name: 'executor',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'kind',
        internalType: 'enum KeelAutomation.Kind',
        type: 'uint8',
        indexed: false,
      },
      {
        name: 'observed',
        internalType: 'uint256',
        type: 'uint256',
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
      {
        name: 'borrowed',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      { name: 'fee', internalType: 'uint256', type: 'uint256', indexed: false },
    ],
    name: 'RuleExecuted',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      { name: 'key', internalType: 'bytes32', type: 'bytes32', indexed: true },
      { name: 'paused', internalType: 'bool', type: 'bool', indexed: false },
    ],
    name: 'RulePausedSet',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      { name: 'key', internalType: 'bytes32', type: 'bytes32', indexed: true },
    ],
    name: 'RuleRemoved',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      { name: 'key', internalType: 'bytes32', type: 'bytes32', indexed: true },
      {
        name: 'adapter',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'owner',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'kind',
        internalType: 'enum KeelAutomation.Kind',
        type: 'uint8',
        indexed: false,
      },
      {
        name: 'position',
        internalType: 'bytes',
        type: 'bytes',
        indexed: false,
      },
      {
        name: 'trigger',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'target',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'trailBps',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'minCollateral',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'maxSlippageBps',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'maxFeeBps',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
    ],
    name: 'RuleSet',
  },
  {
    type: 'error',
    inputs: [{ name: 'blockNumber', internalType: 'uint256', type: 'uint256' }],
    name: 'AlreadyMovedThisBlock',
  },
  {
    type: 'error',
    inputs: [
      { name: 'collateral', internalType: 'uint256', type: 'uint256' },
      { name: 'minimum', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'BelowMinimum',
  },
  {
    type: 'error',
    inputs: [
      { name: 'feeBps', internalType: 'uint256', type: 'uint256' },
      { name: 'maxFeeBps', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'FeeAboveCap',
  },
  {
    type: 'error',
    inputs: [{ name: 'reason', internalType: 'string', type: 'string' }],
    name: 'InvalidRule',
  },
  {
    type: 'error',
    inputs: [{ name: 'key', internalType: 'bytes32', type: 'bytes32' }],
    name: 'NoRule',
  },
  {
    type: 'error',
    inputs: [
      { name: 'owner', internalType: 'address', type: 'address' },
      { name: 'adapter', internalType: 'address', type: 'address' },
    ],
    name: 'NotAuthorised',
  },
  {
    type: 'error',
    inputs: [
      { name: 'owner', internalType: 'address', type: 'address' },
      { name: 'caller', internalType: 'address', type: 'address' },
    ],
    name: 'NotPositionOwner',
  },
  {
    type: 'error',
    inputs: [
      { name: 'observed', internalType: 'uint256', type: 'uint256' },
      { name: 'level', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'NotTriggered',
  },
  {
    type: 'error',
    inputs: [
      { name: 'debt', internalType: 'uint256', type: 'uint256' },
      { name: 'collateral', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'PositionNotClosed',
  },
  { type: 'error', inputs: [], name: 'ReentrancyGuardReentrantCall' },
  {
    type: 'error',
    inputs: [
      { name: 'key', internalType: 'bytes32', type: 'bytes32' },
      { name: 'validUntil', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'RuleExpired',
  },
  {
    type: 'error',
    inputs: [
      { name: 'ruleOwner', internalType: 'address', type: 'address' },
      { name: 'owner', internalType: 'address', type: 'address' },
    ],
    name: 'RuleOwnerChanged',
  },
  {
    type: 'error',
    inputs: [{ name: 'key', internalType: 'bytes32', type: 'bytes32' }],
    name: 'RulePaused',
  },
  {
    type: 'error',
    inputs: [
      { name: 'healthFactor', internalType: 'uint256', type: 'uint256' },
      { name: 'target', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'TargetMissed',
  },
  {
    type: 'error',
    inputs: [
      { name: 'have', internalType: 'uint256', type: 'uint256' },
      { name: 'need', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'TargetUnreachable',
  },
  {
    type: 'error',
    inputs: [
      { name: 'loss', internalType: 'uint256', type: 'uint256' },
      { name: 'allowed', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'ValueLost',
  },
] as const

//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////
// KeelGuard
//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////

export const keelGuardAbi = [
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
    name: 'MAX_FEE_BPS',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'MAX_SLIPPAGE_BPS',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'MAX_TARGET',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'TARGET_MARGIN',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
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
      { name: 'kind', internalType: 'enum KeelGuard.Kind', type: 'uint8' },
      { name: 'feeBps', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'execute',
    outputs: [
      {
        name: 'p',
        internalType: 'struct KeelGuard.Plan',
        type: 'tuple',
        components: [
          { name: 'triggered', internalType: 'bool', type: 'bool' },
          { name: 'observed', internalType: 'uint256', type: 'uint256' },
          { name: 'sell', internalType: 'uint256', type: 'uint256' },
          { name: 'repay', internalType: 'uint256', type: 'uint256' },
          { name: 'fee', internalType: 'uint256', type: 'uint256' },
          { name: 'minOut', internalType: 'uint256', type: 'uint256' },
        ],
      },
    ],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'market', internalType: 'address', type: 'address' },
      { name: 'id', internalType: 'uint256', type: 'uint256' },
      { name: 'kind', internalType: 'enum KeelGuard.Kind', type: 'uint8' },
    ],
    name: 'getRule',
    outputs: [
      {
        name: '',
        internalType: 'struct KeelGuard.Rule',
        type: 'tuple',
        components: [
          { name: 'owner', internalType: 'address', type: 'address' },
          { name: 'collateral', internalType: 'address', type: 'address' },
          { name: 'trigger', internalType: 'uint128', type: 'uint128' },
          { name: 'target', internalType: 'uint128', type: 'uint128' },
          { name: 'maxSlippageBps', internalType: 'uint16', type: 'uint16' },
          { name: 'maxFeeBps', internalType: 'uint16', type: 'uint16' },
          { name: 'paused', internalType: 'bool', type: 'bool' },
        ],
      },
    ],
    stateMutability: 'view',
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
    type: 'function',
    inputs: [
      { name: 'market', internalType: 'contract IKeelMarket', type: 'address' },
      { name: 'id', internalType: 'uint256', type: 'uint256' },
      { name: 'kind', internalType: 'enum KeelGuard.Kind', type: 'uint8' },
      { name: 'feeBps', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'plan',
    outputs: [
      {
        name: 'p',
        internalType: 'struct KeelGuard.Plan',
        type: 'tuple',
        components: [
          { name: 'triggered', internalType: 'bool', type: 'bool' },
          { name: 'observed', internalType: 'uint256', type: 'uint256' },
          { name: 'sell', internalType: 'uint256', type: 'uint256' },
          { name: 'repay', internalType: 'uint256', type: 'uint256' },
          { name: 'fee', internalType: 'uint256', type: 'uint256' },
          { name: 'minOut', internalType: 'uint256', type: 'uint256' },
        ],
      },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'market', internalType: 'contract IKeelMarket', type: 'address' },
      { name: 'id', internalType: 'uint256', type: 'uint256' },
      { name: 'kind', internalType: 'enum KeelGuard.Kind', type: 'uint8' },
    ],
    name: 'removeRule',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'market', internalType: 'contract IKeelMarket', type: 'address' },
      { name: 'id', internalType: 'uint256', type: 'uint256' },
      { name: 'kind', internalType: 'enum KeelGuard.Kind', type: 'uint8' },
      { name: 'paused', internalType: 'bool', type: 'bool' },
    ],
    name: 'setPaused',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'market', internalType: 'contract IKeelMarket', type: 'address' },
      { name: 'id', internalType: 'uint256', type: 'uint256' },
      { name: 'kind', internalType: 'enum KeelGuard.Kind', type: 'uint8' },
      { name: 'collateral', internalType: 'address', type: 'address' },
      { name: 'trigger', internalType: 'uint256', type: 'uint256' },
      { name: 'target', internalType: 'uint256', type: 'uint256' },
      { name: 'maxSlippageBps', internalType: 'uint256', type: 'uint256' },
      { name: 'maxFeeBps', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'setRule',
    outputs: [],
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
        name: 'kind',
        internalType: 'enum KeelGuard.Kind',
        type: 'uint8',
        indexed: true,
      },
      {
        name: 'executor',
        internalType: 'address',
        type: 'address',
        indexed: false,
      },
      {
        name: 'collateral',
        internalType: 'address',
        type: 'address',
        indexed: false,
      },
      {
        name: 'observed',
        internalType: 'uint256',
        type: 'uint256',
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
      { name: 'fee', internalType: 'uint256', type: 'uint256', indexed: false },
      {
        name: 'toOwner',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
    ],
    name: 'RuleExecuted',
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
        name: 'kind',
        internalType: 'enum KeelGuard.Kind',
        type: 'uint8',
        indexed: true,
      },
      { name: 'paused', internalType: 'bool', type: 'bool', indexed: false },
    ],
    name: 'RulePausedSet',
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
        name: 'kind',
        internalType: 'enum KeelGuard.Kind',
        type: 'uint8',
        indexed: true,
      },
    ],
    name: 'RuleRemoved',
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
        name: 'kind',
        internalType: 'enum KeelGuard.Kind',
        type: 'uint8',
        indexed: true,
      },
      {
        name: 'owner',
        internalType: 'address',
        type: 'address',
        indexed: false,
      },
      {
        name: 'collateral',
        internalType: 'address',
        type: 'address',
        indexed: false,
      },
      {
        name: 'trigger',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'target',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'maxSlippageBps',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'maxFeeBps',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
    ],
    name: 'RuleSet',
  },
  {
    type: 'error',
    inputs: [
      { name: 'feeBps', internalType: 'uint256', type: 'uint256' },
      { name: 'maxFeeBps', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'FeeAboveCap',
  },
  {
    type: 'error',
    inputs: [{ name: 'owner', internalType: 'address', type: 'address' }],
    name: 'GuardNotOperator',
  },
  {
    type: 'error',
    inputs: [{ name: 'reason', internalType: 'string', type: 'string' }],
    name: 'InvalidRule',
  },
  {
    type: 'error',
    inputs: [
      { name: 'market', internalType: 'address', type: 'address' },
      { name: 'id', internalType: 'uint256', type: 'uint256' },
      { name: 'kind', internalType: 'enum KeelGuard.Kind', type: 'uint8' },
    ],
    name: 'NoRule',
  },
  {
    type: 'error',
    inputs: [
      { name: 'observed', internalType: 'uint256', type: 'uint256' },
      { name: 'trigger', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'NotTriggered',
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
    inputs: [
      { name: 'ruleOwner', internalType: 'address', type: 'address' },
      { name: 'vaultOwner', internalType: 'address', type: 'address' },
    ],
    name: 'RuleOwnerChanged',
  },
  {
    type: 'error',
    inputs: [
      { name: 'market', internalType: 'address', type: 'address' },
      { name: 'id', internalType: 'uint256', type: 'uint256' },
      { name: 'kind', internalType: 'enum KeelGuard.Kind', type: 'uint8' },
    ],
    name: 'RulePaused',
  },
  {
    type: 'error',
    inputs: [{ name: 'token', internalType: 'address', type: 'address' }],
    name: 'SafeERC20FailedOperation',
  },
  {
    type: 'error',
    inputs: [
      { name: 'have', internalType: 'uint256', type: 'uint256' },
      { name: 'need', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'TargetUnreachable',
  },
  {
    type: 'error',
    inputs: [
      { name: 'caller', internalType: 'address', type: 'address' },
      { name: 'initiator', internalType: 'address', type: 'address' },
    ],
    name: 'UntrustedLender',
  },
] as const

//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////
// KeelGuardAdapter
//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////

export const keelGuardAdapterAbi = [
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
        name: 'registry_',
        internalType: 'contract IKeelMarketRegistry',
        type: 'address',
      },
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
    inputs: [],
    name: 'guard',
    outputs: [{ name: '', internalType: 'address', type: 'address' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'initiator', internalType: 'address', type: 'address' },
      { name: 'token', internalType: 'address', type: 'address' },
      { name: 'amount', internalType: 'uint256', type: 'uint256' },
      { name: 'flashFee', internalType: 'uint256', type: 'uint256' },
      { name: 'data', internalType: 'bytes', type: 'bytes' },
    ],
    name: 'onFlashLoan',
    outputs: [{ name: '', internalType: 'bytes32', type: 'bytes32' }],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'registry',
    outputs: [
      {
        name: '',
        internalType: 'contract IKeelMarketRegistry',
        type: 'address',
      },
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
      { name: 'token', internalType: 'address', type: 'address' },
      { name: 'amount', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'UnexpectedLoan',
  },
  {
    type: 'error',
    inputs: [{ name: 'market', internalType: 'address', type: 'address' }],
    name: 'UnknownMarket',
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

//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////
// KeelLenderVault
//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////

export const keelLenderVaultAbi = [
  {
    type: 'constructor',
    inputs: [
      {
        name: 'market_',
        internalType: 'contract IKeelMarket',
        type: 'address',
      },
      { name: 'name_', internalType: 'string', type: 'string' },
      { name: 'symbol_', internalType: 'string', type: 'string' },
    ],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'owner', internalType: 'address', type: 'address' },
      { name: 'spender', internalType: 'address', type: 'address' },
    ],
    name: 'allowance',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'spender', internalType: 'address', type: 'address' },
      { name: 'value', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'approve',
    outputs: [{ name: '', internalType: 'bool', type: 'bool' }],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'asset',
    outputs: [{ name: '', internalType: 'address', type: 'address' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'account', internalType: 'address', type: 'address' }],
    name: 'balanceOf',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'shares', internalType: 'uint256', type: 'uint256' }],
    name: 'convertToAssets',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'assets', internalType: 'uint256', type: 'uint256' }],
    name: 'convertToShares',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'decimals',
    outputs: [{ name: '', internalType: 'uint8', type: 'uint8' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'assets', internalType: 'uint256', type: 'uint256' },
      { name: 'receiver', internalType: 'address', type: 'address' },
    ],
    name: 'deposit',
    outputs: [{ name: 'shares', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'market',
    outputs: [
      { name: '', internalType: 'contract IKeelMarket', type: 'address' },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: '', internalType: 'address', type: 'address' }],
    name: 'maxDeposit',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'receiver', internalType: 'address', type: 'address' }],
    name: 'maxMint',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'owner', internalType: 'address', type: 'address' }],
    name: 'maxRedeem',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'owner', internalType: 'address', type: 'address' }],
    name: 'maxWithdraw',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'shares', internalType: 'uint256', type: 'uint256' },
      { name: 'receiver', internalType: 'address', type: 'address' },
    ],
    name: 'mint',
    outputs: [{ name: 'assets', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'name',
    outputs: [{ name: '', internalType: 'string', type: 'string' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'assets', internalType: 'uint256', type: 'uint256' }],
    name: 'previewDeposit',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'shares', internalType: 'uint256', type: 'uint256' }],
    name: 'previewMint',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'shares', internalType: 'uint256', type: 'uint256' }],
    name: 'previewRedeem',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'assets', internalType: 'uint256', type: 'uint256' }],
    name: 'previewWithdraw',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'shares', internalType: 'uint256', type: 'uint256' },
      { name: 'receiver', internalType: 'address', type: 'address' },
      { name: 'owner', internalType: 'address', type: 'address' },
    ],
    name: 'redeem',
    outputs: [{ name: 'assets', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'symbol',
    outputs: [{ name: '', internalType: 'string', type: 'string' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'totalAssets',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'totalSupply',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'to', internalType: 'address', type: 'address' },
      { name: 'value', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'transfer',
    outputs: [{ name: '', internalType: 'bool', type: 'bool' }],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'from', internalType: 'address', type: 'address' },
      { name: 'to', internalType: 'address', type: 'address' },
      { name: 'value', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'transferFrom',
    outputs: [{ name: '', internalType: 'bool', type: 'bool' }],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'assets', internalType: 'uint256', type: 'uint256' },
      { name: 'receiver', internalType: 'address', type: 'address' },
      { name: 'owner', internalType: 'address', type: 'address' },
    ],
    name: 'withdraw',
    outputs: [{ name: 'shares', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'nonpayable',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'owner',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'spender',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'value',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
    ],
    name: 'Approval',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'sender',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'owner',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'assets',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'shares',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
    ],
    name: 'Deposit',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      { name: 'from', internalType: 'address', type: 'address', indexed: true },
      { name: 'to', internalType: 'address', type: 'address', indexed: true },
      {
        name: 'value',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
    ],
    name: 'Transfer',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'sender',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'receiver',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'owner',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'assets',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'shares',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
    ],
    name: 'Withdraw',
  },
  {
    type: 'error',
    inputs: [
      { name: 'spender', internalType: 'address', type: 'address' },
      { name: 'allowance', internalType: 'uint256', type: 'uint256' },
      { name: 'needed', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'ERC20InsufficientAllowance',
  },
  {
    type: 'error',
    inputs: [
      { name: 'sender', internalType: 'address', type: 'address' },
      { name: 'balance', internalType: 'uint256', type: 'uint256' },
      { name: 'needed', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'ERC20InsufficientBalance',
  },
  {
    type: 'error',
    inputs: [{ name: 'approver', internalType: 'address', type: 'address' }],
    name: 'ERC20InvalidApprover',
  },
  {
    type: 'error',
    inputs: [{ name: 'receiver', internalType: 'address', type: 'address' }],
    name: 'ERC20InvalidReceiver',
  },
  {
    type: 'error',
    inputs: [{ name: 'sender', internalType: 'address', type: 'address' }],
    name: 'ERC20InvalidSender',
  },
  {
    type: 'error',
    inputs: [{ name: 'spender', internalType: 'address', type: 'address' }],
    name: 'ERC20InvalidSpender',
  },
  {
    type: 'error',
    inputs: [
      { name: 'receiver', internalType: 'address', type: 'address' },
      { name: 'assets', internalType: 'uint256', type: 'uint256' },
      { name: 'max', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'ERC4626ExceededMaxDeposit',
  },
  {
    type: 'error',
    inputs: [
      { name: 'receiver', internalType: 'address', type: 'address' },
      { name: 'shares', internalType: 'uint256', type: 'uint256' },
      { name: 'max', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'ERC4626ExceededMaxMint',
  },
  {
    type: 'error',
    inputs: [
      { name: 'owner', internalType: 'address', type: 'address' },
      { name: 'shares', internalType: 'uint256', type: 'uint256' },
      { name: 'max', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'ERC4626ExceededMaxRedeem',
  },
  {
    type: 'error',
    inputs: [
      { name: 'owner', internalType: 'address', type: 'address' },
      { name: 'assets', internalType: 'uint256', type: 'uint256' },
      { name: 'max', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'ERC4626ExceededMaxWithdraw',
  },
  { type: 'error', inputs: [], name: 'ReentrancyGuardReentrantCall' },
  {
    type: 'error',
    inputs: [{ name: 'token', internalType: 'address', type: 'address' }],
    name: 'SafeERC20FailedOperation',
  },
] as const

//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////
// KeelLens
//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////

export const keelLensAbi = [
  {
    type: 'function',
    inputs: [],
    name: 'DUST_VALUE',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'MAX_ACCOUNT_VAULTS',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'MAX_BORROW_RATE',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'MAX_COLLATERALS',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'MAX_DISCOUNT',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'MAX_FLASH_FEE_BPS',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'MAX_LT',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'MAX_RESERVE_FACTOR',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'MIN_DISCOUNT',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'TARGET_HEALTH',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'markets', internalType: 'address[]', type: 'address[]' },
      { name: 'owner', internalType: 'address', type: 'address' },
    ],
    name: 'getAccount',
    outputs: [
      {
        name: 'vaults',
        internalType: 'struct VaultView[]',
        type: 'tuple[]',
        components: [
          { name: 'id', internalType: 'uint256', type: 'uint256' },
          { name: 'market', internalType: 'address', type: 'address' },
          { name: 'owner', internalType: 'address', type: 'address' },
          { name: 'baseAsset', internalType: 'address', type: 'address' },
          {
            name: 'collaterals',
            internalType: 'struct CollateralPosition[]',
            type: 'tuple[]',
            components: [
              { name: 'asset', internalType: 'address', type: 'address' },
              { name: 'decimals', internalType: 'uint8', type: 'uint8' },
              { name: 'amount', internalType: 'uint256', type: 'uint256' },
              { name: 'price', internalType: 'uint256', type: 'uint256' },
              { name: 'updatedAt', internalType: 'uint256', type: 'uint256' },
              {
                name: 'status',
                internalType: 'enum KeelOracle.Status',
                type: 'uint8',
              },
              { name: 'value', internalType: 'uint256', type: 'uint256' },
              { name: 'ltv', internalType: 'uint256', type: 'uint256' },
              {
                name: 'liquidationThreshold',
                internalType: 'uint256',
                type: 'uint256',
              },
              {
                name: 'liquidationPrice',
                internalType: 'uint256',
                type: 'uint256',
              },
            ],
          },
          { name: 'debt', internalType: 'uint256', type: 'uint256' },
          { name: 'debtShares', internalType: 'uint256', type: 'uint256' },
          { name: 'debtValue', internalType: 'uint256', type: 'uint256' },
          { name: 'collateralValue', internalType: 'uint256', type: 'uint256' },
          {
            name: 'borrowLimitValue',
            internalType: 'uint256',
            type: 'uint256',
          },
          {
            name: 'liquidationValue',
            internalType: 'uint256',
            type: 'uint256',
          },
          { name: 'healthFactor', internalType: 'uint256', type: 'uint256' },
          { name: 'borrowCapacity', internalType: 'uint256', type: 'uint256' },
          { name: 'pricesOk', internalType: 'bool', type: 'bool' },
          { name: 'liquidatable', internalType: 'bool', type: 'bool' },
        ],
      },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'feeds', internalType: 'address[]', type: 'address[]' },
      { name: 'count', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'getFeedHistory',
    outputs: [
      {
        name: 'rounds',
        internalType: 'struct FeedRound[][]',
        type: 'tuple[][]',
        components: [
          { name: 'roundId', internalType: 'uint80', type: 'uint80' },
          { name: 'answer', internalType: 'int256', type: 'int256' },
          { name: 'updatedAt', internalType: 'uint256', type: 'uint256' },
        ],
      },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'market', internalType: 'address', type: 'address' }],
    name: 'getMarket',
    outputs: [
      {
        name: 'v',
        internalType: 'struct MarketView',
        type: 'tuple',
        components: [
          { name: 'market', internalType: 'address', type: 'address' },
          { name: 'baseAsset', internalType: 'address', type: 'address' },
          { name: 'baseDecimals', internalType: 'uint8', type: 'uint8' },
          { name: 'decimals', internalType: 'uint8', type: 'uint8' },
          {
            name: 'baseFeed',
            internalType: 'struct KeelOracle.FeedState',
            type: 'tuple',
            components: [
              { name: 'asset', internalType: 'address', type: 'address' },
              { name: 'feed', internalType: 'address', type: 'address' },
              { name: 'feedDecimals', internalType: 'uint8', type: 'uint8' },
              { name: 'heartbeat', internalType: 'uint32', type: 'uint32' },
              { name: 'minAnswer', internalType: 'int256', type: 'int256' },
              { name: 'maxAnswer', internalType: 'int256', type: 'int256' },
              { name: 'roundId', internalType: 'uint80', type: 'uint80' },
              { name: 'answer', internalType: 'int256', type: 'int256' },
              { name: 'updatedAt', internalType: 'uint256', type: 'uint256' },
              { name: 'price', internalType: 'uint256', type: 'uint256' },
              {
                name: 'status',
                internalType: 'enum KeelOracle.Status',
                type: 'uint8',
              },
            ],
          },
          {
            name: 'totalSupplyAssets',
            internalType: 'uint256',
            type: 'uint256',
          },
          {
            name: 'totalSupplyShares',
            internalType: 'uint256',
            type: 'uint256',
          },
          { name: 'totalBorrows', internalType: 'uint256', type: 'uint256' },
          {
            name: 'totalBorrowShares',
            internalType: 'uint256',
            type: 'uint256',
          },
          { name: 'totalReserves', internalType: 'uint256', type: 'uint256' },
          { name: 'totalBadDebt', internalType: 'uint256', type: 'uint256' },
          { name: 'cash', internalType: 'uint256', type: 'uint256' },
          { name: 'utilization', internalType: 'uint256', type: 'uint256' },
          { name: 'borrowRate', internalType: 'uint256', type: 'uint256' },
          { name: 'supplyRate', internalType: 'uint256', type: 'uint256' },
          {
            name: 'rateModel',
            internalType: 'struct RateModel',
            type: 'tuple',
            components: [
              { name: 'baseRate', internalType: 'uint64', type: 'uint64' },
              { name: 'slope1', internalType: 'uint64', type: 'uint64' },
              { name: 'slope2', internalType: 'uint64', type: 'uint64' },
              { name: 'kink', internalType: 'uint64', type: 'uint64' },
            ],
          },
          { name: 'reserveFactor', internalType: 'uint256', type: 'uint256' },
          { name: 'flashFeeBps', internalType: 'uint256', type: 'uint256' },
          { name: 'vaultCount', internalType: 'uint256', type: 'uint256' },
          { name: 'riskAdmin', internalType: 'address', type: 'address' },
          { name: 'governor', internalType: 'address', type: 'address' },
          { name: 'pendingGovernor', internalType: 'address', type: 'address' },
          { name: 'guardian', internalType: 'address', type: 'address' },
          { name: 'riskDelay', internalType: 'uint256', type: 'uint256' },
          { name: 'borrowPaused', internalType: 'bool', type: 'bool' },
          {
            name: 'collaterals',
            internalType: 'struct CollateralMarketView[]',
            type: 'tuple[]',
            components: [
              {
                name: 'info',
                internalType: 'struct CollateralInfo',
                type: 'tuple',
                components: [
                  { name: 'asset', internalType: 'address', type: 'address' },
                  { name: 'decimals', internalType: 'uint8', type: 'uint8' },
                  { name: 'ltv', internalType: 'uint64', type: 'uint64' },
                  {
                    name: 'liquidationThreshold',
                    internalType: 'uint64',
                    type: 'uint64',
                  },
                  {
                    name: 'maxDiscount',
                    internalType: 'uint64',
                    type: 'uint64',
                  },
                  {
                    name: 'supplyCap',
                    internalType: 'uint128',
                    type: 'uint128',
                  },
                  {
                    name: 'totalDeposited',
                    internalType: 'uint128',
                    type: 'uint128',
                  },
                ],
              },
              {
                name: 'feed',
                internalType: 'struct KeelOracle.FeedState',
                type: 'tuple',
                components: [
                  { name: 'asset', internalType: 'address', type: 'address' },
                  { name: 'feed', internalType: 'address', type: 'address' },
                  {
                    name: 'feedDecimals',
                    internalType: 'uint8',
                    type: 'uint8',
                  },
                  { name: 'heartbeat', internalType: 'uint32', type: 'uint32' },
                  { name: 'minAnswer', internalType: 'int256', type: 'int256' },
                  { name: 'maxAnswer', internalType: 'int256', type: 'int256' },
                  { name: 'roundId', internalType: 'uint80', type: 'uint80' },
                  { name: 'answer', internalType: 'int256', type: 'int256' },
                  {
                    name: 'updatedAt',
                    internalType: 'uint256',
                    type: 'uint256',
                  },
                  { name: 'price', internalType: 'uint256', type: 'uint256' },
                  {
                    name: 'status',
                    internalType: 'enum KeelOracle.Status',
                    type: 'uint8',
                  },
                ],
              },
            ],
          },
          {
            name: 'pendingChanges',
            internalType: 'struct PendingChange[]',
            type: 'tuple[]',
            components: [
              { name: 'id', internalType: 'uint256', type: 'uint256' },
              { name: 'kind', internalType: 'enum ChangeKind', type: 'uint8' },
              { name: 'market', internalType: 'address', type: 'address' },
              { name: 'asset', internalType: 'address', type: 'address' },
              { name: 'executableAt', internalType: 'uint64', type: 'uint64' },
              { name: 'expiresAt', internalType: 'uint64', type: 'uint64' },
              {
                name: 'values',
                internalType: 'uint256[4]',
                type: 'uint256[4]',
              },
            ],
          },
        ],
      },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'markets', internalType: 'address[]', type: 'address[]' }],
    name: 'getMarkets',
    outputs: [
      {
        name: 'views',
        internalType: 'struct MarketView[]',
        type: 'tuple[]',
        components: [
          { name: 'market', internalType: 'address', type: 'address' },
          { name: 'baseAsset', internalType: 'address', type: 'address' },
          { name: 'baseDecimals', internalType: 'uint8', type: 'uint8' },
          { name: 'decimals', internalType: 'uint8', type: 'uint8' },
          {
            name: 'baseFeed',
            internalType: 'struct KeelOracle.FeedState',
            type: 'tuple',
            components: [
              { name: 'asset', internalType: 'address', type: 'address' },
              { name: 'feed', internalType: 'address', type: 'address' },
              { name: 'feedDecimals', internalType: 'uint8', type: 'uint8' },
              { name: 'heartbeat', internalType: 'uint32', type: 'uint32' },
              { name: 'minAnswer', internalType: 'int256', type: 'int256' },
              { name: 'maxAnswer', internalType: 'int256', type: 'int256' },
              { name: 'roundId', internalType: 'uint80', type: 'uint80' },
              { name: 'answer', internalType: 'int256', type: 'int256' },
              { name: 'updatedAt', internalType: 'uint256', type: 'uint256' },
              { name: 'price', internalType: 'uint256', type: 'uint256' },
              {
                name: 'status',
                internalType: 'enum KeelOracle.Status',
                type: 'uint8',
              },
            ],
          },
          {
            name: 'totalSupplyAssets',
            internalType: 'uint256',
            type: 'uint256',
          },
          {
            name: 'totalSupplyShares',
            internalType: 'uint256',
            type: 'uint256',
          },
          { name: 'totalBorrows', internalType: 'uint256', type: 'uint256' },
          {
            name: 'totalBorrowShares',
            internalType: 'uint256',
            type: 'uint256',
          },
          { name: 'totalReserves', internalType: 'uint256', type: 'uint256' },
          { name: 'totalBadDebt', internalType: 'uint256', type: 'uint256' },
          { name: 'cash', internalType: 'uint256', type: 'uint256' },
          { name: 'utilization', internalType: 'uint256', type: 'uint256' },
          { name: 'borrowRate', internalType: 'uint256', type: 'uint256' },
          { name: 'supplyRate', internalType: 'uint256', type: 'uint256' },
          {
            name: 'rateModel',
            internalType: 'struct RateModel',
            type: 'tuple',
            components: [
              { name: 'baseRate', internalType: 'uint64', type: 'uint64' },
              { name: 'slope1', internalType: 'uint64', type: 'uint64' },
              { name: 'slope2', internalType: 'uint64', type: 'uint64' },
              { name: 'kink', internalType: 'uint64', type: 'uint64' },
            ],
          },
          { name: 'reserveFactor', internalType: 'uint256', type: 'uint256' },
          { name: 'flashFeeBps', internalType: 'uint256', type: 'uint256' },
          { name: 'vaultCount', internalType: 'uint256', type: 'uint256' },
          { name: 'riskAdmin', internalType: 'address', type: 'address' },
          { name: 'governor', internalType: 'address', type: 'address' },
          { name: 'pendingGovernor', internalType: 'address', type: 'address' },
          { name: 'guardian', internalType: 'address', type: 'address' },
          { name: 'riskDelay', internalType: 'uint256', type: 'uint256' },
          { name: 'borrowPaused', internalType: 'bool', type: 'bool' },
          {
            name: 'collaterals',
            internalType: 'struct CollateralMarketView[]',
            type: 'tuple[]',
            components: [
              {
                name: 'info',
                internalType: 'struct CollateralInfo',
                type: 'tuple',
                components: [
                  { name: 'asset', internalType: 'address', type: 'address' },
                  { name: 'decimals', internalType: 'uint8', type: 'uint8' },
                  { name: 'ltv', internalType: 'uint64', type: 'uint64' },
                  {
                    name: 'liquidationThreshold',
                    internalType: 'uint64',
                    type: 'uint64',
                  },
                  {
                    name: 'maxDiscount',
                    internalType: 'uint64',
                    type: 'uint64',
                  },
                  {
                    name: 'supplyCap',
                    internalType: 'uint128',
                    type: 'uint128',
                  },
                  {
                    name: 'totalDeposited',
                    internalType: 'uint128',
                    type: 'uint128',
                  },
                ],
              },
              {
                name: 'feed',
                internalType: 'struct KeelOracle.FeedState',
                type: 'tuple',
                components: [
                  { name: 'asset', internalType: 'address', type: 'address' },
                  { name: 'feed', internalType: 'address', type: 'address' },
                  {
                    name: 'feedDecimals',
                    internalType: 'uint8',
                    type: 'uint8',
                  },
                  { name: 'heartbeat', internalType: 'uint32', type: 'uint32' },
                  { name: 'minAnswer', internalType: 'int256', type: 'int256' },
                  { name: 'maxAnswer', internalType: 'int256', type: 'int256' },
                  { name: 'roundId', internalType: 'uint80', type: 'uint80' },
                  { name: 'answer', internalType: 'int256', type: 'int256' },
                  {
                    name: 'updatedAt',
                    internalType: 'uint256',
                    type: 'uint256',
                  },
                  { name: 'price', internalType: 'uint256', type: 'uint256' },
                  {
                    name: 'status',
                    internalType: 'enum KeelOracle.Status',
                    type: 'uint8',
                  },
                ],
              },
            ],
          },
          {
            name: 'pendingChanges',
            internalType: 'struct PendingChange[]',
            type: 'tuple[]',
            components: [
              { name: 'id', internalType: 'uint256', type: 'uint256' },
              { name: 'kind', internalType: 'enum ChangeKind', type: 'uint8' },
              { name: 'market', internalType: 'address', type: 'address' },
              { name: 'asset', internalType: 'address', type: 'address' },
              { name: 'executableAt', internalType: 'uint64', type: 'uint64' },
              { name: 'expiresAt', internalType: 'uint64', type: 'uint64' },
              {
                name: 'values',
                internalType: 'uint256[4]',
                type: 'uint256[4]',
              },
            ],
          },
        ],
      },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'market', internalType: 'address', type: 'address' },
      { name: 'id', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'getVault',
    outputs: [
      {
        name: '',
        internalType: 'struct VaultView',
        type: 'tuple',
        components: [
          { name: 'id', internalType: 'uint256', type: 'uint256' },
          { name: 'market', internalType: 'address', type: 'address' },
          { name: 'owner', internalType: 'address', type: 'address' },
          { name: 'baseAsset', internalType: 'address', type: 'address' },
          {
            name: 'collaterals',
            internalType: 'struct CollateralPosition[]',
            type: 'tuple[]',
            components: [
              { name: 'asset', internalType: 'address', type: 'address' },
              { name: 'decimals', internalType: 'uint8', type: 'uint8' },
              { name: 'amount', internalType: 'uint256', type: 'uint256' },
              { name: 'price', internalType: 'uint256', type: 'uint256' },
              { name: 'updatedAt', internalType: 'uint256', type: 'uint256' },
              {
                name: 'status',
                internalType: 'enum KeelOracle.Status',
                type: 'uint8',
              },
              { name: 'value', internalType: 'uint256', type: 'uint256' },
              { name: 'ltv', internalType: 'uint256', type: 'uint256' },
              {
                name: 'liquidationThreshold',
                internalType: 'uint256',
                type: 'uint256',
              },
              {
                name: 'liquidationPrice',
                internalType: 'uint256',
                type: 'uint256',
              },
            ],
          },
          { name: 'debt', internalType: 'uint256', type: 'uint256' },
          { name: 'debtShares', internalType: 'uint256', type: 'uint256' },
          { name: 'debtValue', internalType: 'uint256', type: 'uint256' },
          { name: 'collateralValue', internalType: 'uint256', type: 'uint256' },
          {
            name: 'borrowLimitValue',
            internalType: 'uint256',
            type: 'uint256',
          },
          {
            name: 'liquidationValue',
            internalType: 'uint256',
            type: 'uint256',
          },
          { name: 'healthFactor', internalType: 'uint256', type: 'uint256' },
          { name: 'borrowCapacity', internalType: 'uint256', type: 'uint256' },
          { name: 'pricesOk', internalType: 'bool', type: 'bool' },
          { name: 'liquidatable', internalType: 'bool', type: 'bool' },
        ],
      },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'market', internalType: 'address', type: 'address' },
      { name: 'offset', internalType: 'uint256', type: 'uint256' },
      { name: 'limit', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'getVaultBook',
    outputs: [
      { name: 'owners', internalType: 'address[]', type: 'address[]' },
      { name: 'debts', internalType: 'uint256[]', type: 'uint256[]' },
      { name: 'amounts', internalType: 'uint256[]', type: 'uint256[]' },
      { name: 'vaultCount', internalType: 'uint256', type: 'uint256' },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'market', internalType: 'address', type: 'address' },
      { name: 'offset', internalType: 'uint256', type: 'uint256' },
      { name: 'limit', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'getVaults',
    outputs: [
      {
        name: 'vaults',
        internalType: 'struct VaultView[]',
        type: 'tuple[]',
        components: [
          { name: 'id', internalType: 'uint256', type: 'uint256' },
          { name: 'market', internalType: 'address', type: 'address' },
          { name: 'owner', internalType: 'address', type: 'address' },
          { name: 'baseAsset', internalType: 'address', type: 'address' },
          {
            name: 'collaterals',
            internalType: 'struct CollateralPosition[]',
            type: 'tuple[]',
            components: [
              { name: 'asset', internalType: 'address', type: 'address' },
              { name: 'decimals', internalType: 'uint8', type: 'uint8' },
              { name: 'amount', internalType: 'uint256', type: 'uint256' },
              { name: 'price', internalType: 'uint256', type: 'uint256' },
              { name: 'updatedAt', internalType: 'uint256', type: 'uint256' },
              {
                name: 'status',
                internalType: 'enum KeelOracle.Status',
                type: 'uint8',
              },
              { name: 'value', internalType: 'uint256', type: 'uint256' },
              { name: 'ltv', internalType: 'uint256', type: 'uint256' },
              {
                name: 'liquidationThreshold',
                internalType: 'uint256',
                type: 'uint256',
              },
              {
                name: 'liquidationPrice',
                internalType: 'uint256',
                type: 'uint256',
              },
            ],
          },
          { name: 'debt', internalType: 'uint256', type: 'uint256' },
          { name: 'debtShares', internalType: 'uint256', type: 'uint256' },
          { name: 'debtValue', internalType: 'uint256', type: 'uint256' },
          { name: 'collateralValue', internalType: 'uint256', type: 'uint256' },
          {
            name: 'borrowLimitValue',
            internalType: 'uint256',
            type: 'uint256',
          },
          {
            name: 'liquidationValue',
            internalType: 'uint256',
            type: 'uint256',
          },
          { name: 'healthFactor', internalType: 'uint256', type: 'uint256' },
          { name: 'borrowCapacity', internalType: 'uint256', type: 'uint256' },
          { name: 'pricesOk', internalType: 'bool', type: 'bool' },
          { name: 'liquidatable', internalType: 'bool', type: 'bool' },
        ],
      },
      { name: 'vaultCount', internalType: 'uint256', type: 'uint256' },
    ],
    stateMutability: 'view',
  },
] as const

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

//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////
// KeelLiquidator
//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////

export const keelLiquidatorAbi = [
  {
    type: 'constructor',
    inputs: [
      {
        name: 'adapter_',
        internalType: 'contract ISwapAdapter',
        type: 'address',
      },
      { name: 'owner_', internalType: 'address', type: 'address' },
    ],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'MAX_LOSS_BPS_LIMIT',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
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
      {
        name: 'batches',
        internalType: 'struct KeelLiquidator.Batch[]',
        type: 'tuple[]',
        components: [
          {
            name: 'market',
            internalType: 'contract IKeelMarket',
            type: 'address',
          },
          { name: 'collateral', internalType: 'address', type: 'address' },
          {
            name: 'vaults',
            internalType: 'struct KeelLiquidator.Target[]',
            type: 'tuple[]',
            components: [
              { name: 'id', internalType: 'uint256', type: 'uint256' },
              { name: 'maxRepay', internalType: 'uint256', type: 'uint256' },
            ],
          },
          { name: 'minProfit', internalType: 'uint256', type: 'uint256' },
          { name: 'maxLoss', internalType: 'uint256', type: 'uint256' },
        ],
      },
    ],
    name: 'liquidate',
    outputs: [{ name: 'results', internalType: 'int256[]', type: 'int256[]' }],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'maxLossBps',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
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
    type: 'function',
    inputs: [],
    name: 'owner',
    outputs: [{ name: '', internalType: 'address', type: 'address' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'renounceOwnership',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [{ name: 'bps', internalType: 'uint256', type: 'uint256' }],
    name: 'setMaxLossBps',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [{ name: 'newOwner', internalType: 'address', type: 'address' }],
    name: 'transferOwnership',
    outputs: [],
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
      {
        name: 'collateral',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'liquidated',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'skipped',
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
      {
        name: 'seized',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'proceeds',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'result',
        internalType: 'int256',
        type: 'int256',
        indexed: false,
      },
    ],
    name: 'BatchLiquidated',
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
      { name: 'reason', internalType: 'bytes', type: 'bytes', indexed: false },
    ],
    name: 'LiquidationSkipped',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      { name: 'bps', internalType: 'uint256', type: 'uint256', indexed: false },
    ],
    name: 'MaxLossBpsSet',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'previousOwner',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'newOwner',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
    ],
    name: 'OwnershipTransferred',
  },
  { type: 'error', inputs: [], name: 'EmptyBatch' },
  {
    type: 'error',
    inputs: [
      { name: 'loss', internalType: 'uint256', type: 'uint256' },
      { name: 'bound', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'LossAboveBound',
  },
  {
    type: 'error',
    inputs: [
      { name: 'bps', internalType: 'uint256', type: 'uint256' },
      { name: 'limit', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'LossBpsAboveLimit',
  },
  {
    type: 'error',
    inputs: [{ name: 'owner', internalType: 'address', type: 'address' }],
    name: 'OwnableInvalidOwner',
  },
  {
    type: 'error',
    inputs: [{ name: 'account', internalType: 'address', type: 'address' }],
    name: 'OwnableUnauthorizedAccount',
  },
  {
    type: 'error',
    inputs: [
      { name: 'result', internalType: 'int256', type: 'int256' },
      { name: 'minProfit', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'ProfitBelowMin',
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
      { name: 'caller', internalType: 'address', type: 'address' },
      { name: 'initiator', internalType: 'address', type: 'address' },
    ],
    name: 'UntrustedLender',
  },
] as const

//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////
// KeelMarket
//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////

export const keelMarketAbi = [
  {
    type: 'constructor',
    inputs: [
      {
        name: 'baseAsset',
        internalType: 'contract IERC20Metadata',
        type: 'address',
      },
      { name: 'oracle_', internalType: 'contract KeelOracle', type: 'address' },
      { name: 'riskAdmin_', internalType: 'address', type: 'address' },
      {
        name: 'rateModel_',
        internalType: 'struct RateModel',
        type: 'tuple',
        components: [
          { name: 'baseRate', internalType: 'uint64', type: 'uint64' },
          { name: 'slope1', internalType: 'uint64', type: 'uint64' },
          { name: 'slope2', internalType: 'uint64', type: 'uint64' },
          { name: 'kink', internalType: 'uint64', type: 'uint64' },
        ],
      },
      { name: 'reserveFactor_', internalType: 'uint256', type: 'uint256' },
      { name: 'flashFeeBps_', internalType: 'uint256', type: 'uint256' },
    ],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [{ name: 'id', internalType: 'uint256', type: 'uint256' }],
    name: 'acceptVault',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'accrueInterest',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'asset',
    outputs: [{ name: '', internalType: 'address', type: 'address' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'id', internalType: 'uint256', type: 'uint256' },
      { name: 'amount', internalType: 'uint256', type: 'uint256' },
      { name: 'receiver', internalType: 'address', type: 'address' },
    ],
    name: 'borrow',
    outputs: [{ name: 'shares', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'borrowPaused',
    outputs: [{ name: '', internalType: 'bool', type: 'bool' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'borrowRate',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'cash',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'cashOnHand',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'collateralAssets',
    outputs: [{ name: '', internalType: 'address[]', type: 'address[]' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'asset_', internalType: 'address', type: 'address' }],
    name: 'collateralInfo',
    outputs: [
      {
        name: '',
        internalType: 'struct CollateralInfo',
        type: 'tuple',
        components: [
          { name: 'asset', internalType: 'address', type: 'address' },
          { name: 'decimals', internalType: 'uint8', type: 'uint8' },
          { name: 'ltv', internalType: 'uint64', type: 'uint64' },
          {
            name: 'liquidationThreshold',
            internalType: 'uint64',
            type: 'uint64',
          },
          { name: 'maxDiscount', internalType: 'uint64', type: 'uint64' },
          { name: 'supplyCap', internalType: 'uint128', type: 'uint128' },
          { name: 'totalDeposited', internalType: 'uint128', type: 'uint128' },
        ],
      },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'id', internalType: 'uint256', type: 'uint256' },
      { name: 'asset_', internalType: 'address', type: 'address' },
    ],
    name: 'collateralOf',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'id', internalType: 'uint256', type: 'uint256' }],
    name: 'debtOf',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'id', internalType: 'uint256', type: 'uint256' },
      { name: 'asset_', internalType: 'address', type: 'address' },
      { name: 'amount', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'depositCollateral',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'token', internalType: 'address', type: 'address' },
      { name: 'amount', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'flashFee',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'flashFeeBps',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      {
        name: 'receiver',
        internalType: 'contract IERC3156FlashBorrower',
        type: 'address',
      },
      { name: 'token', internalType: 'address', type: 'address' },
      { name: 'amount', internalType: 'uint256', type: 'uint256' },
      { name: 'data', internalType: 'bytes', type: 'bytes' },
    ],
    name: 'flashLoan',
    outputs: [{ name: '', internalType: 'bool', type: 'bool' }],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [{ name: 'id', internalType: 'uint256', type: 'uint256' }],
    name: 'getVault',
    outputs: [
      {
        name: 'd',
        internalType: 'struct VaultData',
        type: 'tuple',
        components: [
          { name: 'id', internalType: 'uint256', type: 'uint256' },
          { name: 'owner', internalType: 'address', type: 'address' },
          { name: 'debt', internalType: 'uint256', type: 'uint256' },
          { name: 'debtShares', internalType: 'uint256', type: 'uint256' },
          { name: 'assets', internalType: 'address[]', type: 'address[]' },
          { name: 'amounts', internalType: 'uint256[]', type: 'uint256[]' },
        ],
      },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'owner', internalType: 'address', type: 'address' },
      { name: 'operator', internalType: 'address', type: 'address' },
    ],
    name: 'isOperator',
    outputs: [{ name: '', internalType: 'bool', type: 'bool' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'id', internalType: 'uint256', type: 'uint256' },
      { name: 'asset_', internalType: 'address', type: 'address' },
      { name: 'repayAmount', internalType: 'uint256', type: 'uint256' },
      { name: 'minSeized', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'liquidate',
    outputs: [
      { name: 'repaid', internalType: 'uint256', type: 'uint256' },
      { name: 'seized', internalType: 'uint256', type: 'uint256' },
    ],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [{ name: 'token', internalType: 'address', type: 'address' }],
    name: 'maxFlashLoan',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'data', internalType: 'bytes[]', type: 'bytes[]' }],
    name: 'multicall',
    outputs: [{ name: 'results', internalType: 'bytes[]', type: 'bytes[]' }],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'openVault',
    outputs: [{ name: 'id', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'oracle',
    outputs: [
      { name: '', internalType: 'contract KeelOracle', type: 'address' },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'id', internalType: 'uint256', type: 'uint256' }],
    name: 'pendingVaultOwner',
    outputs: [{ name: '', internalType: 'address', type: 'address' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'rateModel',
    outputs: [
      {
        name: '',
        internalType: 'struct RateModel',
        type: 'tuple',
        components: [
          { name: 'baseRate', internalType: 'uint64', type: 'uint64' },
          { name: 'slope1', internalType: 'uint64', type: 'uint64' },
          { name: 'slope2', internalType: 'uint64', type: 'uint64' },
          { name: 'kink', internalType: 'uint64', type: 'uint64' },
        ],
      },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'id', internalType: 'uint256', type: 'uint256' },
      { name: 'amount', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'repay',
    outputs: [
      { name: 'repaid', internalType: 'uint256', type: 'uint256' },
      { name: 'shares', internalType: 'uint256', type: 'uint256' },
    ],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'reputation',
    outputs: [{ name: '', internalType: 'address', type: 'address' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'reserveFactor',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'riskAdmin',
    outputs: [{ name: '', internalType: 'address', type: 'address' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'paused', internalType: 'bool', type: 'bool' }],
    name: 'setBorrowPaused',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'asset_', internalType: 'address', type: 'address' },
      {
        name: 'params',
        internalType: 'struct CollateralParams',
        type: 'tuple',
        components: [
          { name: 'ltv', internalType: 'uint64', type: 'uint64' },
          {
            name: 'liquidationThreshold',
            internalType: 'uint64',
            type: 'uint64',
          },
          { name: 'maxDiscount', internalType: 'uint64', type: 'uint64' },
          { name: 'supplyCap', internalType: 'uint128', type: 'uint128' },
        ],
      },
    ],
    name: 'setCollateral',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'reserveFactor_', internalType: 'uint256', type: 'uint256' },
      { name: 'flashFeeBps_', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'setFees',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'operator', internalType: 'address', type: 'address' },
      { name: 'approved', internalType: 'bool', type: 'bool' },
    ],
    name: 'setOperator',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      {
        name: 'model',
        internalType: 'struct RateModel',
        type: 'tuple',
        components: [
          { name: 'baseRate', internalType: 'uint64', type: 'uint64' },
          { name: 'slope1', internalType: 'uint64', type: 'uint64' },
          { name: 'slope2', internalType: 'uint64', type: 'uint64' },
          { name: 'kink', internalType: 'uint64', type: 'uint64' },
        ],
      },
    ],
    name: 'setRateModel',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [{ name: 'source', internalType: 'address', type: 'address' }],
    name: 'setReputation',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'assets', internalType: 'uint256', type: 'uint256' },
      { name: 'shares', internalType: 'uint256', type: 'uint256' },
      { name: 'onBehalf', internalType: 'address', type: 'address' },
    ],
    name: 'supply',
    outputs: [
      { name: '', internalType: 'uint256', type: 'uint256' },
      { name: '', internalType: 'uint256', type: 'uint256' },
    ],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'supplyRate',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'account', internalType: 'address', type: 'address' }],
    name: 'supplyShares',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'totalBadDebt',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'totalBorrowShares',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'totalBorrows',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'totalReserves',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'totalSupplyAssets',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'totalSupplyShares',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'id', internalType: 'uint256', type: 'uint256' },
      { name: 'to', internalType: 'address', type: 'address' },
    ],
    name: 'transferVault',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'utilization',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'vaultCount',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'id', internalType: 'uint256', type: 'uint256' }],
    name: 'vaultHealth',
    outputs: [
      { name: 'collateralValue', internalType: 'uint256', type: 'uint256' },
      { name: 'borrowLimitValue', internalType: 'uint256', type: 'uint256' },
      { name: 'liquidationValue', internalType: 'uint256', type: 'uint256' },
      { name: 'debtValue', internalType: 'uint256', type: 'uint256' },
      { name: 'healthFactor', internalType: 'uint256', type: 'uint256' },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'id', internalType: 'uint256', type: 'uint256' }],
    name: 'vaultOwner',
    outputs: [{ name: '', internalType: 'address', type: 'address' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'owner_', internalType: 'address', type: 'address' }],
    name: 'vaultsOf',
    outputs: [{ name: '', internalType: 'uint256[]', type: 'uint256[]' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'assets', internalType: 'uint256', type: 'uint256' },
      { name: 'shares', internalType: 'uint256', type: 'uint256' },
      { name: 'onBehalf', internalType: 'address', type: 'address' },
      { name: 'receiver', internalType: 'address', type: 'address' },
    ],
    name: 'withdraw',
    outputs: [
      { name: '', internalType: 'uint256', type: 'uint256' },
      { name: '', internalType: 'uint256', type: 'uint256' },
    ],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'id', internalType: 'uint256', type: 'uint256' },
      { name: 'asset_', internalType: 'address', type: 'address' },
      { name: 'amount', internalType: 'uint256', type: 'uint256' },
      { name: 'receiver', internalType: 'address', type: 'address' },
    ],
    name: 'withdrawCollateral',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'to', internalType: 'address', type: 'address' },
      { name: 'amount', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'withdrawReserves',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      { name: 'id', internalType: 'uint256', type: 'uint256', indexed: true },
      {
        name: 'amount',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
    ],
    name: 'BadDebt',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      { name: 'paused', internalType: 'bool', type: 'bool', indexed: false },
    ],
    name: 'BorrowPausedSet',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      { name: 'id', internalType: 'uint256', type: 'uint256', indexed: true },
      {
        name: 'caller',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'receiver',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'assets',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'shares',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
    ],
    name: 'Borrowed',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      { name: 'id', internalType: 'uint256', type: 'uint256', indexed: true },
      {
        name: 'caller',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'asset',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'amount',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
    ],
    name: 'CollateralDeposited',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'asset',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      { name: 'ltv', internalType: 'uint256', type: 'uint256', indexed: false },
      {
        name: 'liquidationThreshold',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'maxDiscount',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'supplyCap',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
    ],
    name: 'CollateralListed',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'asset',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      { name: 'ltv', internalType: 'uint256', type: 'uint256', indexed: false },
      {
        name: 'liquidationThreshold',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'maxDiscount',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'supplyCap',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
    ],
    name: 'CollateralParamsSet',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      { name: 'id', internalType: 'uint256', type: 'uint256', indexed: true },
      {
        name: 'caller',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'asset',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'amount',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'receiver',
        internalType: 'address',
        type: 'address',
        indexed: false,
      },
    ],
    name: 'CollateralWithdrawn',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'reserveFactor',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'flashFeeBps',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
    ],
    name: 'FeesSet',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'receiver',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'initiator',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'amount',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      { name: 'fee', internalType: 'uint256', type: 'uint256', indexed: false },
    ],
    name: 'FlashLoan',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'borrowRate',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'interest',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'reserves',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
    ],
    name: 'InterestAccrued',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      { name: 'id', internalType: 'uint256', type: 'uint256', indexed: true },
      {
        name: 'liquidator',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'asset',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'repaid',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'seized',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'discount',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
    ],
    name: 'Liquidated',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'owner',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'operator',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      { name: 'approved', internalType: 'bool', type: 'bool', indexed: false },
    ],
    name: 'OperatorSet',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'baseRate',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'slope1',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'slope2',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'kink',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
    ],
    name: 'RateModelSet',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      { name: 'id', internalType: 'uint256', type: 'uint256', indexed: true },
      {
        name: 'caller',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'assets',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'shares',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
    ],
    name: 'Repaid',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'source',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
    ],
    name: 'ReputationSet',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      { name: 'to', internalType: 'address', type: 'address', indexed: true },
      {
        name: 'amount',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
    ],
    name: 'ReservesWithdrawn',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'caller',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'onBehalf',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'assets',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'shares',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
    ],
    name: 'Supplied',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      { name: 'id', internalType: 'uint256', type: 'uint256', indexed: true },
      {
        name: 'owner',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
    ],
    name: 'VaultOpened',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      { name: 'id', internalType: 'uint256', type: 'uint256', indexed: true },
      { name: 'from', internalType: 'address', type: 'address', indexed: true },
      { name: 'to', internalType: 'address', type: 'address', indexed: true },
    ],
    name: 'VaultTransferOffered',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      { name: 'id', internalType: 'uint256', type: 'uint256', indexed: true },
      { name: 'from', internalType: 'address', type: 'address', indexed: true },
      { name: 'to', internalType: 'address', type: 'address', indexed: true },
    ],
    name: 'VaultTransferred',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'caller',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'onBehalf',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'receiver',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'assets',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'shares',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
    ],
    name: 'Withdrawn',
  },
  { type: 'error', inputs: [], name: 'BorrowPaused' },
  {
    type: 'error',
    inputs: [
      { name: 'id', internalType: 'uint256', type: 'uint256' },
      { name: 'borrowLimitValue', internalType: 'uint256', type: 'uint256' },
      { name: 'debtValue', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'ExceedsLtv',
  },
  { type: 'error', inputs: [], name: 'FlashCallbackFailed' },
  { type: 'error', inputs: [], name: 'FlashLoanActive' },
  { type: 'error', inputs: [], name: 'FlashLoanInBatch' },
  { type: 'error', inputs: [], name: 'InconsistentInput' },
  {
    type: 'error',
    inputs: [
      { name: 'id', internalType: 'uint256', type: 'uint256' },
      { name: 'asset', internalType: 'address', type: 'address' },
      { name: 'balance', internalType: 'uint256', type: 'uint256' },
      { name: 'amount', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'InsufficientCollateral',
  },
  {
    type: 'error',
    inputs: [
      { name: 'requested', internalType: 'uint256', type: 'uint256' },
      { name: 'available', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'InsufficientLiquidity',
  },
  {
    type: 'error',
    inputs: [
      { name: 'requested', internalType: 'uint256', type: 'uint256' },
      { name: 'available', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'InsufficientReserves',
  },
  {
    type: 'error',
    inputs: [
      { name: 'account', internalType: 'address', type: 'address' },
      { name: 'balance', internalType: 'uint256', type: 'uint256' },
      { name: 'shares', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'InsufficientSupplyShares',
  },
  {
    type: 'error',
    inputs: [{ name: 'asset', internalType: 'address', type: 'address' }],
    name: 'InvalidCollateral',
  },
  {
    type: 'error',
    inputs: [
      { name: 'ltv', internalType: 'uint256', type: 'uint256' },
      {
        name: 'liquidationThreshold',
        internalType: 'uint256',
        type: 'uint256',
      },
      { name: 'maxDiscount', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'InvalidCollateralParams',
  },
  {
    type: 'error',
    inputs: [
      { name: 'asset', internalType: 'address', type: 'address' },
      { name: 'decimals', internalType: 'uint8', type: 'uint8' },
    ],
    name: 'InvalidDecimals',
  },
  {
    type: 'error',
    inputs: [
      { name: 'reserveFactor', internalType: 'uint256', type: 'uint256' },
      { name: 'flashFeeBps', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'InvalidFees',
  },
  { type: 'error', inputs: [], name: 'InvalidRateModel' },
  {
    type: 'error',
    inputs: [
      { name: 'id', internalType: 'uint256', type: 'uint256' },
      { name: 'asset', internalType: 'address', type: 'address' },
    ],
    name: 'LiquidationLowersHealth',
  },
  {
    type: 'error',
    inputs: [
      { name: 'id', internalType: 'uint256', type: 'uint256' },
      { name: 'healthFactor', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'NotLiquidatable',
  },
  {
    type: 'error',
    inputs: [{ name: 'asset', internalType: 'address', type: 'address' }],
    name: 'NotListed',
  },
  {
    type: 'error',
    inputs: [
      { name: 'id', internalType: 'uint256', type: 'uint256' },
      { name: 'caller', internalType: 'address', type: 'address' },
    ],
    name: 'NotOffered',
  },
  {
    type: 'error',
    inputs: [{ name: 'caller', internalType: 'address', type: 'address' }],
    name: 'NotRiskAdmin',
  },
  {
    type: 'error',
    inputs: [{ name: 'id', internalType: 'uint256', type: 'uint256' }],
    name: 'NothingToRepay',
  },
  { type: 'error', inputs: [], name: 'Reentrancy' },
  {
    type: 'error',
    inputs: [
      { name: 'repayAmount', internalType: 'uint256', type: 'uint256' },
      { name: 'required', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'RepayBelowRequired',
  },
  {
    type: 'error',
    inputs: [
      { name: 'bits', internalType: 'uint8', type: 'uint8' },
      { name: 'value', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'SafeCastOverflowedUintDowncast',
  },
  {
    type: 'error',
    inputs: [{ name: 'token', internalType: 'address', type: 'address' }],
    name: 'SafeERC20FailedOperation',
  },
  {
    type: 'error',
    inputs: [
      { name: 'seized', internalType: 'uint256', type: 'uint256' },
      { name: 'minSeized', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'SeizedBelowMin',
  },
  {
    type: 'error',
    inputs: [
      { name: 'asset', internalType: 'address', type: 'address' },
      { name: 'total', internalType: 'uint256', type: 'uint256' },
      { name: 'cap', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'SupplyCapExceeded',
  },
  { type: 'error', inputs: [], name: 'TooManyCollaterals' },
  {
    type: 'error',
    inputs: [
      { name: 'token', internalType: 'address', type: 'address' },
      { name: 'expected', internalType: 'uint256', type: 'uint256' },
      { name: 'received', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'TransferAmountMismatch',
  },
  {
    type: 'error',
    inputs: [
      { name: 'id', internalType: 'uint256', type: 'uint256' },
      { name: 'caller', internalType: 'address', type: 'address' },
    ],
    name: 'Unauthorized',
  },
  {
    type: 'error',
    inputs: [
      { name: 'onBehalf', internalType: 'address', type: 'address' },
      { name: 'caller', internalType: 'address', type: 'address' },
    ],
    name: 'UnauthorizedLender',
  },
  {
    type: 'error',
    inputs: [{ name: 'token', internalType: 'address', type: 'address' }],
    name: 'UnsupportedToken',
  },
  {
    type: 'error',
    inputs: [{ name: 'id', internalType: 'uint256', type: 'uint256' }],
    name: 'VaultCheckPending',
  },
  {
    type: 'error',
    inputs: [{ name: 'id', internalType: 'uint256', type: 'uint256' }],
    name: 'VaultNotFound',
  },
  { type: 'error', inputs: [], name: 'ZeroAddress' },
  { type: 'error', inputs: [], name: 'ZeroAmount' },
] as const

//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////
// KeelOracle
//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////

export const keelOracleAbi = [
  {
    type: 'constructor',
    inputs: [{ name: 'owner_', internalType: 'address', type: 'address' }],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'MAX_FEED_DECIMALS',
    outputs: [{ name: '', internalType: 'uint8', type: 'uint8' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'MAX_HEARTBEAT',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'acceptOwnership',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'assets',
    outputs: [{ name: '', internalType: 'address[]', type: 'address[]' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'asset', internalType: 'address', type: 'address' }],
    name: 'feedConfig',
    outputs: [
      {
        name: '',
        internalType: 'struct KeelOracle.FeedConfig',
        type: 'tuple',
        components: [
          {
            name: 'feed',
            internalType: 'contract AggregatorV3Interface',
            type: 'address',
          },
          { name: 'heartbeat', internalType: 'uint32', type: 'uint32' },
          { name: 'feedDecimals', internalType: 'uint8', type: 'uint8' },
          { name: 'minAnswer', internalType: 'int128', type: 'int128' },
          { name: 'maxAnswer', internalType: 'int128', type: 'int128' },
        ],
      },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'owner',
    outputs: [{ name: '', internalType: 'address', type: 'address' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'asset', internalType: 'address', type: 'address' }],
    name: 'peek',
    outputs: [
      {
        name: '',
        internalType: 'struct KeelOracle.FeedState',
        type: 'tuple',
        components: [
          { name: 'asset', internalType: 'address', type: 'address' },
          { name: 'feed', internalType: 'address', type: 'address' },
          { name: 'feedDecimals', internalType: 'uint8', type: 'uint8' },
          { name: 'heartbeat', internalType: 'uint32', type: 'uint32' },
          { name: 'minAnswer', internalType: 'int256', type: 'int256' },
          { name: 'maxAnswer', internalType: 'int256', type: 'int256' },
          { name: 'roundId', internalType: 'uint80', type: 'uint80' },
          { name: 'answer', internalType: 'int256', type: 'int256' },
          { name: 'updatedAt', internalType: 'uint256', type: 'uint256' },
          { name: 'price', internalType: 'uint256', type: 'uint256' },
          {
            name: 'status',
            internalType: 'enum KeelOracle.Status',
            type: 'uint8',
          },
        ],
      },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'peekAll',
    outputs: [
      {
        name: 'states',
        internalType: 'struct KeelOracle.FeedState[]',
        type: 'tuple[]',
        components: [
          { name: 'asset', internalType: 'address', type: 'address' },
          { name: 'feed', internalType: 'address', type: 'address' },
          { name: 'feedDecimals', internalType: 'uint8', type: 'uint8' },
          { name: 'heartbeat', internalType: 'uint32', type: 'uint32' },
          { name: 'minAnswer', internalType: 'int256', type: 'int256' },
          { name: 'maxAnswer', internalType: 'int256', type: 'int256' },
          { name: 'roundId', internalType: 'uint80', type: 'uint80' },
          { name: 'answer', internalType: 'int256', type: 'int256' },
          { name: 'updatedAt', internalType: 'uint256', type: 'uint256' },
          { name: 'price', internalType: 'uint256', type: 'uint256' },
          {
            name: 'status',
            internalType: 'enum KeelOracle.Status',
            type: 'uint8',
          },
        ],
      },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'pendingOwner',
    outputs: [{ name: '', internalType: 'address', type: 'address' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'asset', internalType: 'address', type: 'address' }],
    name: 'price',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'a', internalType: 'address', type: 'address' },
      { name: 'b', internalType: 'address', type: 'address' },
    ],
    name: 'prices',
    outputs: [
      { name: 'priceA', internalType: 'uint256', type: 'uint256' },
      { name: 'priceB', internalType: 'uint256', type: 'uint256' },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'renounceOwnership',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'asset', internalType: 'address', type: 'address' },
      {
        name: 'feed',
        internalType: 'contract AggregatorV3Interface',
        type: 'address',
      },
      { name: 'heartbeat', internalType: 'uint32', type: 'uint32' },
      { name: 'minAnswer', internalType: 'int256', type: 'int256' },
      { name: 'maxAnswer', internalType: 'int256', type: 'int256' },
    ],
    name: 'setFeed',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [{ name: 'newOwner', internalType: 'address', type: 'address' }],
    name: 'transferOwnership',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'asset',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      { name: 'feed', internalType: 'address', type: 'address', indexed: true },
      {
        name: 'heartbeat',
        internalType: 'uint32',
        type: 'uint32',
        indexed: false,
      },
      {
        name: 'feedDecimals',
        internalType: 'uint8',
        type: 'uint8',
        indexed: false,
      },
      {
        name: 'minAnswer',
        internalType: 'int256',
        type: 'int256',
        indexed: false,
      },
      {
        name: 'maxAnswer',
        internalType: 'int256',
        type: 'int256',
        indexed: false,
      },
    ],
    name: 'FeedSet',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'previousOwner',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'newOwner',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
    ],
    name: 'OwnershipTransferStarted',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'previousOwner',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'newOwner',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
    ],
    name: 'OwnershipTransferred',
  },
  {
    type: 'error',
    inputs: [{ name: 'asset', internalType: 'address', type: 'address' }],
    name: 'FeedCallFailed',
  },
  {
    type: 'error',
    inputs: [
      { name: 'asset', internalType: 'address', type: 'address' },
      { name: 'roundId', internalType: 'uint80', type: 'uint80' },
    ],
    name: 'IncompleteRound',
  },
  {
    type: 'error',
    inputs: [
      { name: 'minAnswer', internalType: 'int256', type: 'int256' },
      { name: 'maxAnswer', internalType: 'int256', type: 'int256' },
    ],
    name: 'InvalidBounds',
  },
  {
    type: 'error',
    inputs: [{ name: 'decimals', internalType: 'uint8', type: 'uint8' }],
    name: 'InvalidFeedDecimals',
  },
  {
    type: 'error',
    inputs: [{ name: 'heartbeat', internalType: 'uint256', type: 'uint256' }],
    name: 'InvalidHeartbeat',
  },
  {
    type: 'error',
    inputs: [{ name: 'asset', internalType: 'address', type: 'address' }],
    name: 'NoFeed',
  },
  {
    type: 'error',
    inputs: [
      { name: 'asset', internalType: 'address', type: 'address' },
      { name: 'answer', internalType: 'int256', type: 'int256' },
    ],
    name: 'NonPositivePrice',
  },
  {
    type: 'error',
    inputs: [{ name: 'owner', internalType: 'address', type: 'address' }],
    name: 'OwnableInvalidOwner',
  },
  {
    type: 'error',
    inputs: [{ name: 'account', internalType: 'address', type: 'address' }],
    name: 'OwnableUnauthorizedAccount',
  },
  {
    type: 'error',
    inputs: [
      { name: 'asset', internalType: 'address', type: 'address' },
      { name: 'updatedAt', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'PriceFromFuture',
  },
  {
    type: 'error',
    inputs: [
      { name: 'asset', internalType: 'address', type: 'address' },
      { name: 'answer', internalType: 'int256', type: 'int256' },
      { name: 'minAnswer', internalType: 'int256', type: 'int256' },
      { name: 'maxAnswer', internalType: 'int256', type: 'int256' },
    ],
    name: 'PriceOutOfBounds',
  },
  {
    type: 'error',
    inputs: [
      { name: 'asset', internalType: 'address', type: 'address' },
      { name: 'updatedAt', internalType: 'uint256', type: 'uint256' },
      { name: 'heartbeat', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'StalePrice',
  },
  { type: 'error', inputs: [], name: 'ZeroFeed' },
] as const

//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////
// KeelPrivatePool
//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////

export const keelPrivatePoolAbi = [
  {
    type: 'constructor',
    inputs: [
      {
        name: 'market_',
        internalType: 'contract IKeelMarket',
        type: 'address',
      },
      { name: 'collateral_', internalType: 'contract IERC20', type: 'address' },
      {
        name: 'verifier_',
        internalType: 'contract PrivateVaultVerifier',
        type: 'address',
      },
      { name: 'minDeposit_', internalType: 'uint256', type: 'uint256' },
      { name: 'minBorrow_', internalType: 'uint256', type: 'uint256' },
    ],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'ASIDE',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'BASE_DECIMALS',
    outputs: [{ name: '', internalType: 'uint8', type: 'uint8' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'BORROW_LTV_FRACTION',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'COLLATERAL_DECIMALS',
    outputs: [{ name: '', internalType: 'uint8', type: 'uint8' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'DEBT_FREE',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'DEFAULT_MIN_BORROW',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'DEFAULT_MIN_DEPOSIT',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'DEPTH',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'EMPTY_ROOT',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'FIELD',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'LIQUIDATION_BONUS',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'MAX_AMOUNT',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'MAX_DEBT_INDEX_HEADROOM',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'NO_LEAF',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'ROOT_HISTORY',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'base',
    outputs: [{ name: '', internalType: 'contract IERC20', type: 'address' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      {
        name: 'proof',
        internalType: 'struct Groth16Proof',
        type: 'tuple',
        components: [
          { name: 'a', internalType: 'uint256[2]', type: 'uint256[2]' },
          { name: 'b', internalType: 'uint256[2][2]', type: 'uint256[2][2]' },
          { name: 'c', internalType: 'uint256[2]', type: 'uint256[2]' },
        ],
      },
      {
        name: 't',
        internalType: 'struct NoteTransition',
        type: 'tuple',
        components: [
          { name: 'root', internalType: 'uint256', type: 'uint256' },
          { name: 'newRoot', internalType: 'uint256', type: 'uint256' },
          { name: 'nullifier', internalType: 'uint256', type: 'uint256' },
          { name: 'newCommitment', internalType: 'uint256', type: 'uint256' },
          { name: 'ephKey', internalType: 'uint256', type: 'uint256' },
          {
            name: 'ciphertext',
            internalType: 'uint256[3]',
            type: 'uint256[3]',
          },
          { name: 'memberRoot', internalType: 'uint256', type: 'uint256' },
          { name: 'memberSlot', internalType: 'uint256', type: 'uint256' },
        ],
      },
      { name: 'shares', internalType: 'uint256', type: 'uint256' },
      { name: 'recipient', internalType: 'address', type: 'address' },
      { name: 'provenDebtIndex', internalType: 'uint256', type: 'uint256' },
      { name: 'memo', internalType: 'bytes', type: 'bytes' },
    ],
    name: 'borrow',
    outputs: [{ name: 'assets', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'borrowThreshold',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'recipient', internalType: 'address', type: 'address' }],
    name: 'claimSeized',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      {
        name: 'proof',
        internalType: 'struct Groth16Proof',
        type: 'tuple',
        components: [
          { name: 'a', internalType: 'uint256[2]', type: 'uint256[2]' },
          { name: 'b', internalType: 'uint256[2][2]', type: 'uint256[2][2]' },
          { name: 'c', internalType: 'uint256[2]', type: 'uint256[2]' },
        ],
      },
      {
        name: 't',
        internalType: 'struct NoteTransition',
        type: 'tuple',
        components: [
          { name: 'root', internalType: 'uint256', type: 'uint256' },
          { name: 'newRoot', internalType: 'uint256', type: 'uint256' },
          { name: 'nullifier', internalType: 'uint256', type: 'uint256' },
          { name: 'newCommitment', internalType: 'uint256', type: 'uint256' },
          { name: 'ephKey', internalType: 'uint256', type: 'uint256' },
          {
            name: 'ciphertext',
            internalType: 'uint256[3]',
            type: 'uint256[3]',
          },
          { name: 'memberRoot', internalType: 'uint256', type: 'uint256' },
          { name: 'memberSlot', internalType: 'uint256', type: 'uint256' },
        ],
      },
      { name: 'amount', internalType: 'uint256', type: 'uint256' },
      { name: 'shares', internalType: 'uint256', type: 'uint256' },
      { name: 'recipient', internalType: 'address', type: 'address' },
      { name: 'memo', internalType: 'bytes', type: 'bytes' },
    ],
    name: 'close',
    outputs: [{ name: 'assets', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'collateral',
    outputs: [{ name: '', internalType: 'contract IERC20', type: 'address' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'debtIndex',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      {
        name: 'proof',
        internalType: 'struct Groth16Proof',
        type: 'tuple',
        components: [
          { name: 'a', internalType: 'uint256[2]', type: 'uint256[2]' },
          { name: 'b', internalType: 'uint256[2][2]', type: 'uint256[2][2]' },
          { name: 'c', internalType: 'uint256[2]', type: 'uint256[2]' },
        ],
      },
      {
        name: 't',
        internalType: 'struct NoteTransition',
        type: 'tuple',
        components: [
          { name: 'root', internalType: 'uint256', type: 'uint256' },
          { name: 'newRoot', internalType: 'uint256', type: 'uint256' },
          { name: 'nullifier', internalType: 'uint256', type: 'uint256' },
          { name: 'newCommitment', internalType: 'uint256', type: 'uint256' },
          { name: 'ephKey', internalType: 'uint256', type: 'uint256' },
          {
            name: 'ciphertext',
            internalType: 'uint256[3]',
            type: 'uint256[3]',
          },
          { name: 'memberRoot', internalType: 'uint256', type: 'uint256' },
          { name: 'memberSlot', internalType: 'uint256', type: 'uint256' },
        ],
      },
      { name: 'amount', internalType: 'uint256', type: 'uint256' },
      { name: 'provenDebtIndex', internalType: 'uint256', type: 'uint256' },
      { name: 'memo', internalType: 'bytes', type: 'bytes' },
    ],
    name: 'deposit',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      {
        name: 'proof',
        internalType: 'struct Groth16Proof',
        type: 'tuple',
        components: [
          { name: 'a', internalType: 'uint256[2]', type: 'uint256[2]' },
          { name: 'b', internalType: 'uint256[2][2]', type: 'uint256[2][2]' },
          { name: 'c', internalType: 'uint256[2]', type: 'uint256[2]' },
        ],
      },
      {
        name: 't',
        internalType: 'struct NoteTransition',
        type: 'tuple',
        components: [
          { name: 'root', internalType: 'uint256', type: 'uint256' },
          { name: 'newRoot', internalType: 'uint256', type: 'uint256' },
          { name: 'nullifier', internalType: 'uint256', type: 'uint256' },
          { name: 'newCommitment', internalType: 'uint256', type: 'uint256' },
          { name: 'ephKey', internalType: 'uint256', type: 'uint256' },
          {
            name: 'ciphertext',
            internalType: 'uint256[3]',
            type: 'uint256[3]',
          },
          { name: 'memberRoot', internalType: 'uint256', type: 'uint256' },
          { name: 'memberSlot', internalType: 'uint256', type: 'uint256' },
        ],
      },
      { name: 'amount', internalType: 'uint256', type: 'uint256' },
      { name: 'provenDebtIndex', internalType: 'uint256', type: 'uint256' },
      { name: 'memo', internalType: 'bytes', type: 'bytes' },
    ],
    name: 'depositAside',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [{ name: 'root', internalType: 'uint256', type: 'uint256' }],
    name: 'frozenRoot',
    outputs: [{ name: '', internalType: 'bool', type: 'bool' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'provenRoot', internalType: 'uint256', type: 'uint256' },
      { name: 'slot', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'isKnownRoot',
    outputs: [{ name: '', internalType: 'bool', type: 'bool' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      {
        name: 'proof',
        internalType: 'struct Groth16Proof',
        type: 'tuple',
        components: [
          { name: 'a', internalType: 'uint256[2]', type: 'uint256[2]' },
          { name: 'b', internalType: 'uint256[2][2]', type: 'uint256[2][2]' },
          { name: 'c', internalType: 'uint256[2]', type: 'uint256[2]' },
        ],
      },
      {
        name: 't',
        internalType: 'struct NoteTransition',
        type: 'tuple',
        components: [
          { name: 'root', internalType: 'uint256', type: 'uint256' },
          { name: 'newRoot', internalType: 'uint256', type: 'uint256' },
          { name: 'nullifier', internalType: 'uint256', type: 'uint256' },
          { name: 'newCommitment', internalType: 'uint256', type: 'uint256' },
          { name: 'ephKey', internalType: 'uint256', type: 'uint256' },
          {
            name: 'ciphertext',
            internalType: 'uint256[3]',
            type: 'uint256[3]',
          },
          { name: 'memberRoot', internalType: 'uint256', type: 'uint256' },
          { name: 'memberSlot', internalType: 'uint256', type: 'uint256' },
        ],
      },
      { name: 'seized', internalType: 'uint256', type: 'uint256' },
      { name: 'shares', internalType: 'uint256', type: 'uint256' },
      { name: 'recipient', internalType: 'address', type: 'address' },
      { name: 'provenDebtIndex', internalType: 'uint256', type: 'uint256' },
      { name: 'memo', internalType: 'bytes', type: 'bytes' },
    ],
    name: 'liquidate',
    outputs: [{ name: 'assets', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      {
        name: 'proof',
        internalType: 'struct Groth16Proof',
        type: 'tuple',
        components: [
          { name: 'a', internalType: 'uint256[2]', type: 'uint256[2]' },
          { name: 'b', internalType: 'uint256[2][2]', type: 'uint256[2][2]' },
          { name: 'c', internalType: 'uint256[2]', type: 'uint256[2]' },
        ],
      },
      {
        name: 't',
        internalType: 'struct NoteTransition',
        type: 'tuple',
        components: [
          { name: 'root', internalType: 'uint256', type: 'uint256' },
          { name: 'newRoot', internalType: 'uint256', type: 'uint256' },
          { name: 'nullifier', internalType: 'uint256', type: 'uint256' },
          { name: 'newCommitment', internalType: 'uint256', type: 'uint256' },
          { name: 'ephKey', internalType: 'uint256', type: 'uint256' },
          {
            name: 'ciphertext',
            internalType: 'uint256[3]',
            type: 'uint256[3]',
          },
          { name: 'memberRoot', internalType: 'uint256', type: 'uint256' },
          { name: 'memberSlot', internalType: 'uint256', type: 'uint256' },
        ],
      },
      { name: 'seized', internalType: 'uint256', type: 'uint256' },
      { name: 'shares', internalType: 'uint256', type: 'uint256' },
      { name: 'recipient', internalType: 'address', type: 'address' },
      { name: 'provenDebtIndex', internalType: 'uint256', type: 'uint256' },
      { name: 'memo', internalType: 'bytes', type: 'bytes' },
    ],
    name: 'liquidateAside',
    outputs: [{ name: 'assets', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'liquidationThreshold',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'market',
    outputs: [
      { name: '', internalType: 'contract IKeelMarket', type: 'address' },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'minBorrow',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'minDeposit',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'nextIndex',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'noteCollateral',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'noteShares',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'nullifier', internalType: 'uint256', type: 'uint256' }],
    name: 'nullifierSpent',
    outputs: [{ name: '', internalType: 'bool', type: 'bool' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'oracle',
    outputs: [
      { name: '', internalType: 'contract KeelOracle', type: 'address' },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      {
        name: 'proof',
        internalType: 'struct Groth16Proof',
        type: 'tuple',
        components: [
          { name: 'a', internalType: 'uint256[2]', type: 'uint256[2]' },
          { name: 'b', internalType: 'uint256[2][2]', type: 'uint256[2][2]' },
          { name: 'c', internalType: 'uint256[2]', type: 'uint256[2]' },
        ],
      },
      {
        name: 't',
        internalType: 'struct NoteTransition',
        type: 'tuple',
        components: [
          { name: 'root', internalType: 'uint256', type: 'uint256' },
          { name: 'newRoot', internalType: 'uint256', type: 'uint256' },
          { name: 'nullifier', internalType: 'uint256', type: 'uint256' },
          { name: 'newCommitment', internalType: 'uint256', type: 'uint256' },
          { name: 'ephKey', internalType: 'uint256', type: 'uint256' },
          {
            name: 'ciphertext',
            internalType: 'uint256[3]',
            type: 'uint256[3]',
          },
          { name: 'memberRoot', internalType: 'uint256', type: 'uint256' },
          { name: 'memberSlot', internalType: 'uint256', type: 'uint256' },
        ],
      },
      { name: 'shares', internalType: 'uint256', type: 'uint256' },
      { name: 'provenDebtIndex', internalType: 'uint256', type: 'uint256' },
      { name: 'memo', internalType: 'bytes', type: 'bytes' },
    ],
    name: 'repay',
    outputs: [{ name: 'assets', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      {
        name: 'proof',
        internalType: 'struct Groth16Proof',
        type: 'tuple',
        components: [
          { name: 'a', internalType: 'uint256[2]', type: 'uint256[2]' },
          { name: 'b', internalType: 'uint256[2][2]', type: 'uint256[2][2]' },
          { name: 'c', internalType: 'uint256[2]', type: 'uint256[2]' },
        ],
      },
      {
        name: 't',
        internalType: 'struct NoteTransition',
        type: 'tuple',
        components: [
          { name: 'root', internalType: 'uint256', type: 'uint256' },
          { name: 'newRoot', internalType: 'uint256', type: 'uint256' },
          { name: 'nullifier', internalType: 'uint256', type: 'uint256' },
          { name: 'newCommitment', internalType: 'uint256', type: 'uint256' },
          { name: 'ephKey', internalType: 'uint256', type: 'uint256' },
          {
            name: 'ciphertext',
            internalType: 'uint256[3]',
            type: 'uint256[3]',
          },
          { name: 'memberRoot', internalType: 'uint256', type: 'uint256' },
          { name: 'memberSlot', internalType: 'uint256', type: 'uint256' },
        ],
      },
      { name: 'shares', internalType: 'uint256', type: 'uint256' },
      { name: 'provenDebtIndex', internalType: 'uint256', type: 'uint256' },
      { name: 'memo', internalType: 'bytes', type: 'bytes' },
    ],
    name: 'repayAside',
    outputs: [{ name: 'assets', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'root',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'liquidator', internalType: 'address', type: 'address' }],
    name: 'seizedOwed',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'totalSeizedOwed',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'vaultId',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'verifier',
    outputs: [
      {
        name: '',
        internalType: 'contract PrivateVaultVerifier',
        type: 'address',
      },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      {
        name: 'proof',
        internalType: 'struct Groth16Proof',
        type: 'tuple',
        components: [
          { name: 'a', internalType: 'uint256[2]', type: 'uint256[2]' },
          { name: 'b', internalType: 'uint256[2][2]', type: 'uint256[2][2]' },
          { name: 'c', internalType: 'uint256[2]', type: 'uint256[2]' },
        ],
      },
      {
        name: 't',
        internalType: 'struct NoteTransition',
        type: 'tuple',
        components: [
          { name: 'root', internalType: 'uint256', type: 'uint256' },
          { name: 'newRoot', internalType: 'uint256', type: 'uint256' },
          { name: 'nullifier', internalType: 'uint256', type: 'uint256' },
          { name: 'newCommitment', internalType: 'uint256', type: 'uint256' },
          { name: 'ephKey', internalType: 'uint256', type: 'uint256' },
          {
            name: 'ciphertext',
            internalType: 'uint256[3]',
            type: 'uint256[3]',
          },
          { name: 'memberRoot', internalType: 'uint256', type: 'uint256' },
          { name: 'memberSlot', internalType: 'uint256', type: 'uint256' },
        ],
      },
      { name: 'amount', internalType: 'uint256', type: 'uint256' },
      { name: 'recipient', internalType: 'address', type: 'address' },
      { name: 'provenDebtIndex', internalType: 'uint256', type: 'uint256' },
      { name: 'memo', internalType: 'bytes', type: 'bytes' },
    ],
    name: 'withdraw',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'leafIndex',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'ephKey',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'ciphertext',
        internalType: 'uint256[3]',
        type: 'uint256[3]',
        indexed: false,
      },
    ],
    name: 'NoteEncrypted',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'commitment',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'leafIndex',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'root',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
    ],
    name: 'NoteInserted',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'commitment',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'root',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'ephKey',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'ciphertext',
        internalType: 'uint256[3]',
        type: 'uint256[3]',
        indexed: false,
      },
    ],
    name: 'NoteInsertedAside',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'nullifier',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
    ],
    name: 'NoteSpent',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'kind',
        internalType: 'enum KeelPrivatePool.Action',
        type: 'uint8',
        indexed: true,
      },
      {
        name: 'amount',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'shares',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'recipient',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'leafIndex',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      { name: 'memo', internalType: 'bytes', type: 'bytes', indexed: false },
    ],
    name: 'PrivateAction',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'liquidator',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'amount',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
    ],
    name: 'SeizedOwed',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      { name: 'tree', internalType: 'uint256', type: 'uint256', indexed: true },
      {
        name: 'finalRoot',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
    ],
    name: 'TreeFrozen',
  },
  {
    type: 'error',
    inputs: [{ name: 'amount', internalType: 'uint256', type: 'uint256' }],
    name: 'AmountTooLarge',
  },
  {
    type: 'error',
    inputs: [
      { name: 'maxDiscount', internalType: 'uint256', type: 'uint256' },
      { name: 'bonus', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'BonusAboveDiscount',
  },
  {
    type: 'error',
    inputs: [
      { name: 'assets', internalType: 'uint256', type: 'uint256' },
      { name: 'minimum', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'BorrowBelowMinimum',
  },
  {
    type: 'error',
    inputs: [{ name: 'token', internalType: 'address', type: 'address' }],
    name: 'CollateralNotListed',
  },
  {
    type: 'error',
    inputs: [
      { name: 'current', internalType: 'uint256', type: 'uint256' },
      { name: 'proven', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'DebtIndexAboveCurrent',
  },
  {
    type: 'error',
    inputs: [
      { name: 'current', internalType: 'uint256', type: 'uint256' },
      { name: 'proven', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'DebtIndexAboveProof',
  },
  {
    type: 'error',
    inputs: [
      { name: 'current', internalType: 'uint256', type: 'uint256' },
      { name: 'proven', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'DebtIndexTooHigh',
  },
  {
    type: 'error',
    inputs: [
      { name: 'amount', internalType: 'uint256', type: 'uint256' },
      { name: 'minimum', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'DepositBelowMinimum',
  },
  { type: 'error', inputs: [], name: 'InvalidProof' },
  {
    type: 'error',
    inputs: [
      { name: 'newCommitment', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'NotAnExit',
  },
  {
    type: 'error',
    inputs: [{ name: 'value', internalType: 'uint256', type: 'uint256' }],
    name: 'NotInField',
  },
  {
    type: 'error',
    inputs: [{ name: 'nullifier', internalType: 'uint256', type: 'uint256' }],
    name: 'NoteAlreadySpent',
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
      { name: 'proven', internalType: 'uint256', type: 'uint256' },
      { name: 'current', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'StaleRoot',
  },
  {
    type: 'error',
    inputs: [{ name: 'root', internalType: 'uint256', type: 'uint256' }],
    name: 'UnknownRoot',
  },
  {
    type: 'error',
    inputs: [
      { name: 'token', internalType: 'address', type: 'address' },
      { name: 'decimals', internalType: 'uint8', type: 'uint8' },
      { name: 'expected', internalType: 'uint8', type: 'uint8' },
    ],
    name: 'WrongDecimals',
  },
  { type: 'error', inputs: [], name: 'ZeroAmount' },
  { type: 'error', inputs: [], name: 'ZeroRecipient' },
] as const

//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////
// KeelReputation
//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////

export const keelReputationAbi = [
  {
    type: 'constructor',
    inputs: [
      { name: 'eas_', internalType: 'contract IEAS', type: 'address' },
      { name: 'attester_', internalType: 'address', type: 'address' },
      { name: 'maxBonus_', internalType: 'uint256', type: 'uint256' },
    ],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'DISPUTE_SCHEMA',
    outputs: [{ name: '', internalType: 'string', type: 'string' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'MAX_BONUS',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'MAX_SCORE',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'MAX_VALIDITY',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'RECORD_SCHEMA',
    outputs: [{ name: '', internalType: 'string', type: 'string' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      {
        name: 'a',
        internalType: 'struct Attestation',
        type: 'tuple',
        components: [
          { name: 'uid', internalType: 'bytes32', type: 'bytes32' },
          { name: 'schema', internalType: 'bytes32', type: 'bytes32' },
          { name: 'time', internalType: 'uint64', type: 'uint64' },
          { name: 'expirationTime', internalType: 'uint64', type: 'uint64' },
          { name: 'revocationTime', internalType: 'uint64', type: 'uint64' },
          { name: 'refUID', internalType: 'bytes32', type: 'bytes32' },
          { name: 'recipient', internalType: 'address', type: 'address' },
          { name: 'attester', internalType: 'address', type: 'address' },
          { name: 'revocable', internalType: 'bool', type: 'bool' },
          { name: 'data', internalType: 'bytes', type: 'bytes' },
        ],
      },
    ],
    name: 'attest',
    outputs: [{ name: '', internalType: 'bool', type: 'bool' }],
    stateMutability: 'payable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'attester',
    outputs: [{ name: '', internalType: 'address', type: 'address' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'score', internalType: 'uint256', type: 'uint256' }],
    name: 'bonusForScore',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'disputeSchema',
    outputs: [{ name: '', internalType: 'bytes32', type: 'bytes32' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'eas',
    outputs: [{ name: '', internalType: 'contract IEAS', type: 'address' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'isPayable',
    outputs: [{ name: '', internalType: 'bool', type: 'bool' }],
    stateMutability: 'pure',
  },
  {
    type: 'function',
    inputs: [{ name: 'account', internalType: 'address', type: 'address' }],
    name: 'ltvBonus',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'maxBonus',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      {
        name: 'list',
        internalType: 'struct Attestation[]',
        type: 'tuple[]',
        components: [
          { name: 'uid', internalType: 'bytes32', type: 'bytes32' },
          { name: 'schema', internalType: 'bytes32', type: 'bytes32' },
          { name: 'time', internalType: 'uint64', type: 'uint64' },
          { name: 'expirationTime', internalType: 'uint64', type: 'uint64' },
          { name: 'revocationTime', internalType: 'uint64', type: 'uint64' },
          { name: 'refUID', internalType: 'bytes32', type: 'bytes32' },
          { name: 'recipient', internalType: 'address', type: 'address' },
          { name: 'attester', internalType: 'address', type: 'address' },
          { name: 'revocable', internalType: 'bool', type: 'bool' },
          { name: 'data', internalType: 'bytes', type: 'bytes' },
        ],
      },
      { name: '', internalType: 'uint256[]', type: 'uint256[]' },
    ],
    name: 'multiAttest',
    outputs: [{ name: '', internalType: 'bool', type: 'bool' }],
    stateMutability: 'payable',
  },
  {
    type: 'function',
    inputs: [
      {
        name: 'list',
        internalType: 'struct Attestation[]',
        type: 'tuple[]',
        components: [
          { name: 'uid', internalType: 'bytes32', type: 'bytes32' },
          { name: 'schema', internalType: 'bytes32', type: 'bytes32' },
          { name: 'time', internalType: 'uint64', type: 'uint64' },
          { name: 'expirationTime', internalType: 'uint64', type: 'uint64' },
          { name: 'revocationTime', internalType: 'uint64', type: 'uint64' },
          { name: 'refUID', internalType: 'bytes32', type: 'bytes32' },
          { name: 'recipient', internalType: 'address', type: 'address' },
          { name: 'attester', internalType: 'address', type: 'address' },
          { name: 'revocable', internalType: 'bool', type: 'bool' },
          { name: 'data', internalType: 'bytes', type: 'bytes' },
        ],
      },
      { name: '', internalType: 'uint256[]', type: 'uint256[]' },
    ],
    name: 'multiRevoke',
    outputs: [{ name: '', internalType: 'bool', type: 'bool' }],
    stateMutability: 'payable',
  },
  {
    type: 'function',
    inputs: [{ name: 'account', internalType: 'address', type: 'address' }],
    name: 'recordOf',
    outputs: [
      { name: 'uid', internalType: 'bytes32', type: 'bytes32' },
      { name: 'bonus', internalType: 'uint256', type: 'uint256' },
      { name: 'expiry', internalType: 'uint64', type: 'uint64' },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'recordSchema',
    outputs: [{ name: '', internalType: 'bytes32', type: 'bytes32' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      {
        name: 'a',
        internalType: 'struct Attestation',
        type: 'tuple',
        components: [
          { name: 'uid', internalType: 'bytes32', type: 'bytes32' },
          { name: 'schema', internalType: 'bytes32', type: 'bytes32' },
          { name: 'time', internalType: 'uint64', type: 'uint64' },
          { name: 'expirationTime', internalType: 'uint64', type: 'uint64' },
          { name: 'revocationTime', internalType: 'uint64', type: 'uint64' },
          { name: 'refUID', internalType: 'bytes32', type: 'bytes32' },
          { name: 'recipient', internalType: 'address', type: 'address' },
          { name: 'attester', internalType: 'address', type: 'address' },
          { name: 'revocable', internalType: 'bool', type: 'bool' },
          { name: 'data', internalType: 'bytes', type: 'bytes' },
        ],
      },
    ],
    name: 'revoke',
    outputs: [{ name: '', internalType: 'bool', type: 'bool' }],
    stateMutability: 'payable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'version',
    outputs: [{ name: '', internalType: 'string', type: 'string' }],
    stateMutability: 'pure',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'account',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      { name: 'uid', internalType: 'bytes32', type: 'bytes32', indexed: true },
      {
        name: 'score',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'bonus',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'expiry',
        internalType: 'uint64',
        type: 'uint64',
        indexed: false,
      },
    ],
    name: 'RecordHonoured',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'account',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      { name: 'uid', internalType: 'bytes32', type: 'bytes32', indexed: true },
    ],
    name: 'RecordRevoked',
  },
  { type: 'error', inputs: [], name: 'InvalidReputationConfig' },
  {
    type: 'error',
    inputs: [{ name: 'caller', internalType: 'address', type: 'address' }],
    name: 'NotEas',
  },
] as const

//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////
// KeelRiskAdmin
//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////

export const keelRiskAdminAbi = [
  {
    type: 'constructor',
    inputs: [
      { name: 'owner_', internalType: 'address', type: 'address' },
      { name: 'delay_', internalType: 'uint256', type: 'uint256' },
    ],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'GRACE_PERIOD',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'MAX_DELAY',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'MIN_DELAY',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'SAFER_DELAY',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'STEWARD_MAX_STEP',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'acceptOwnership',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [{ name: 'market', internalType: 'address', type: 'address' }],
    name: 'addMarket',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [{ name: 'changeId', internalType: 'uint256', type: 'uint256' }],
    name: 'cancelChange',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'delay',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'changeId', internalType: 'uint256', type: 'uint256' }],
    name: 'executeChange',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'guardian',
    outputs: [{ name: '', internalType: 'address', type: 'address' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'market', internalType: 'address', type: 'address' }],
    name: 'isMarket',
    outputs: [{ name: '', internalType: 'bool', type: 'bool' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'market', internalType: 'address', type: 'address' },
      { name: 'asset', internalType: 'address', type: 'address' },
      {
        name: 'params',
        internalType: 'struct CollateralParams',
        type: 'tuple',
        components: [
          { name: 'ltv', internalType: 'uint64', type: 'uint64' },
          {
            name: 'liquidationThreshold',
            internalType: 'uint64',
            type: 'uint64',
          },
          { name: 'maxDiscount', internalType: 'uint64', type: 'uint64' },
          { name: 'supplyCap', internalType: 'uint128', type: 'uint128' },
        ],
      },
    ],
    name: 'listCollateral',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'markets',
    outputs: [{ name: '', internalType: 'address[]', type: 'address[]' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'oracle',
    outputs: [
      { name: '', internalType: 'contract KeelOracle', type: 'address' },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'owner',
    outputs: [{ name: '', internalType: 'address', type: 'address' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'market', internalType: 'address', type: 'address' }],
    name: 'pauseBorrowing',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'pendingChanges',
    outputs: [
      {
        name: '',
        internalType: 'struct PendingChange[]',
        type: 'tuple[]',
        components: [
          { name: 'id', internalType: 'uint256', type: 'uint256' },
          { name: 'kind', internalType: 'enum ChangeKind', type: 'uint8' },
          { name: 'market', internalType: 'address', type: 'address' },
          { name: 'asset', internalType: 'address', type: 'address' },
          { name: 'executableAt', internalType: 'uint64', type: 'uint64' },
          { name: 'expiresAt', internalType: 'uint64', type: 'uint64' },
          { name: 'values', internalType: 'uint256[4]', type: 'uint256[4]' },
        ],
      },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'pendingOwner',
    outputs: [{ name: '', internalType: 'address', type: 'address' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'market', internalType: 'address', type: 'address' },
      { name: 'asset', internalType: 'address', type: 'address' },
      {
        name: 'params',
        internalType: 'struct CollateralParams',
        type: 'tuple',
        components: [
          { name: 'ltv', internalType: 'uint64', type: 'uint64' },
          {
            name: 'liquidationThreshold',
            internalType: 'uint64',
            type: 'uint64',
          },
          { name: 'maxDiscount', internalType: 'uint64', type: 'uint64' },
          { name: 'supplyCap', internalType: 'uint128', type: 'uint128' },
        ],
      },
    ],
    name: 'proposeCollateral',
    outputs: [{ name: 'changeId', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [{ name: 'delay_', internalType: 'uint256', type: 'uint256' }],
    name: 'proposeDelay',
    outputs: [{ name: 'changeId', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'asset', internalType: 'address', type: 'address' },
      {
        name: 'feed',
        internalType: 'contract AggregatorV3Interface',
        type: 'address',
      },
      { name: 'heartbeat', internalType: 'uint32', type: 'uint32' },
      { name: 'minAnswer', internalType: 'int256', type: 'int256' },
      { name: 'maxAnswer', internalType: 'int256', type: 'int256' },
    ],
    name: 'proposeFeed',
    outputs: [{ name: 'changeId', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'market', internalType: 'address', type: 'address' },
      { name: 'reserveFactor', internalType: 'uint256', type: 'uint256' },
      { name: 'flashFeeBps', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'proposeFees',
    outputs: [{ name: 'changeId', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [{ name: 'guardian_', internalType: 'address', type: 'address' }],
    name: 'proposeGuardian',
    outputs: [{ name: 'changeId', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'market', internalType: 'address', type: 'address' },
      {
        name: 'model',
        internalType: 'struct RateModel',
        type: 'tuple',
        components: [
          { name: 'baseRate', internalType: 'uint64', type: 'uint64' },
          { name: 'slope1', internalType: 'uint64', type: 'uint64' },
          { name: 'slope2', internalType: 'uint64', type: 'uint64' },
          { name: 'kink', internalType: 'uint64', type: 'uint64' },
        ],
      },
    ],
    name: 'proposeRateModel',
    outputs: [{ name: 'changeId', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'market', internalType: 'address', type: 'address' },
      { name: 'source', internalType: 'address', type: 'address' },
    ],
    name: 'proposeReputation',
    outputs: [{ name: 'changeId', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'market', internalType: 'address', type: 'address' },
      { name: 'asset', internalType: 'address', type: 'address' },
      { name: 'ltv', internalType: 'uint64', type: 'uint64' },
      { name: 'liquidationThreshold', internalType: 'uint64', type: 'uint64' },
    ],
    name: 'proposeStewardCollateral',
    outputs: [{ name: 'changeId', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [{ name: 'market', internalType: 'address', type: 'address' }],
    name: 'removeReputation',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'removeSteward',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'renounceOwnership',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'asset', internalType: 'address', type: 'address' },
      {
        name: 'feed',
        internalType: 'contract AggregatorV3Interface',
        type: 'address',
      },
      { name: 'heartbeat', internalType: 'uint32', type: 'uint32' },
      { name: 'minAnswer', internalType: 'int256', type: 'int256' },
      { name: 'maxAnswer', internalType: 'int256', type: 'int256' },
    ],
    name: 'setFeed',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [{ name: 'guardian_', internalType: 'address', type: 'address' }],
    name: 'setGuardian',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'market', internalType: 'address', type: 'address' },
      { name: 'source', internalType: 'address', type: 'address' },
    ],
    name: 'setReputation',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [{ name: 'steward_', internalType: 'address', type: 'address' }],
    name: 'setSteward',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'steward',
    outputs: [{ name: '', internalType: 'address', type: 'address' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'stewardActiveAt',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'changeId', internalType: 'uint256', type: 'uint256' }],
    name: 'stewardChangeBy',
    outputs: [{ name: '', internalType: 'address', type: 'address' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'changeId', internalType: 'uint256', type: 'uint256' }],
    name: 'stewardChangeSafer',
    outputs: [{ name: '', internalType: 'bool', type: 'bool' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'newOwner', internalType: 'address', type: 'address' }],
    name: 'transferOwnership',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [{ name: 'market', internalType: 'address', type: 'address' }],
    name: 'unpauseBorrowing',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'market', internalType: 'address', type: 'address' },
      { name: 'to', internalType: 'address', type: 'address' },
      { name: 'amount', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'withdrawReserves',
    outputs: [],
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
      { name: 'paused', internalType: 'bool', type: 'bool', indexed: false },
      { name: 'by', internalType: 'address', type: 'address', indexed: true },
    ],
    name: 'BorrowPauseSet',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'changeId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      { name: 'by', internalType: 'address', type: 'address', indexed: true },
    ],
    name: 'ChangeCancelled',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'changeId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
    ],
    name: 'ChangeExecuted',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'changeId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'kind',
        internalType: 'enum ChangeKind',
        type: 'uint8',
        indexed: false,
      },
      {
        name: 'market',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'asset',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'values',
        internalType: 'uint256[4]',
        type: 'uint256[4]',
        indexed: false,
      },
      {
        name: 'executableAt',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'expiresAt',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
    ],
    name: 'ChangeProposed',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'delay',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
    ],
    name: 'DelaySet',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'guardian',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
    ],
    name: 'GuardianSet',
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
    ],
    name: 'MarketAdded',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'previousOwner',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'newOwner',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
    ],
    name: 'OwnershipTransferStarted',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'previousOwner',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'newOwner',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
    ],
    name: 'OwnershipTransferred',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'steward',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'activeAt',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
    ],
    name: 'StewardSet',
  },
  {
    type: 'error',
    inputs: [
      { name: 'changeId', internalType: 'uint256', type: 'uint256' },
      { name: 'expiresAt', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'ChangeExpired',
  },
  {
    type: 'error',
    inputs: [{ name: 'changeId', internalType: 'uint256', type: 'uint256' }],
    name: 'ChangeNotFound',
  },
  {
    type: 'error',
    inputs: [
      { name: 'changeId', internalType: 'uint256', type: 'uint256' },
      { name: 'executableAt', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'ChangeNotReady',
  },
  {
    type: 'error',
    inputs: [{ name: 'asset', internalType: 'address', type: 'address' }],
    name: 'FeedAlreadySet',
  },
  {
    type: 'error',
    inputs: [{ name: 'guardian', internalType: 'address', type: 'address' }],
    name: 'GuardianAlreadySet',
  },
  {
    type: 'error',
    inputs: [
      { name: 'minAnswer', internalType: 'int256', type: 'int256' },
      { name: 'maxAnswer', internalType: 'int256', type: 'int256' },
    ],
    name: 'InvalidBounds',
  },
  {
    type: 'error',
    inputs: [
      { name: 'ltv', internalType: 'uint256', type: 'uint256' },
      {
        name: 'liquidationThreshold',
        internalType: 'uint256',
        type: 'uint256',
      },
      { name: 'maxDiscount', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'InvalidCollateralParams',
  },
  {
    type: 'error',
    inputs: [{ name: 'delay', internalType: 'uint256', type: 'uint256' }],
    name: 'InvalidDelay',
  },
  {
    type: 'error',
    inputs: [
      { name: 'reserveFactor', internalType: 'uint256', type: 'uint256' },
      { name: 'flashFeeBps', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'InvalidFees',
  },
  { type: 'error', inputs: [], name: 'InvalidRateModel' },
  {
    type: 'error',
    inputs: [{ name: 'market', internalType: 'address', type: 'address' }],
    name: 'MarketAlreadyAdded',
  },
  {
    type: 'error',
    inputs: [{ name: 'market', internalType: 'address', type: 'address' }],
    name: 'MarketInUse',
  },
  {
    type: 'error',
    inputs: [{ name: 'market', internalType: 'address', type: 'address' }],
    name: 'MarketNotOurs',
  },
  {
    type: 'error',
    inputs: [{ name: 'asset', internalType: 'address', type: 'address' }],
    name: 'NotListed',
  },
  {
    type: 'error',
    inputs: [{ name: 'caller', internalType: 'address', type: 'address' }],
    name: 'NotOwnerOrGuardian',
  },
  {
    type: 'error',
    inputs: [
      { name: 'caller', internalType: 'address', type: 'address' },
      { name: 'activeAt', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'NotSteward',
  },
  {
    type: 'error',
    inputs: [{ name: 'owner', internalType: 'address', type: 'address' }],
    name: 'OwnableInvalidOwner',
  },
  {
    type: 'error',
    inputs: [{ name: 'account', internalType: 'address', type: 'address' }],
    name: 'OwnableUnauthorizedAccount',
  },
  {
    type: 'error',
    inputs: [{ name: 'changeId', internalType: 'uint256', type: 'uint256' }],
    name: 'StewardChangeNoLongerSafer',
  },
  {
    type: 'error',
    inputs: [
      { name: 'current', internalType: 'uint256', type: 'uint256' },
      { name: 'proposed', internalType: 'uint256', type: 'uint256' },
      { name: 'maxStep', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'StewardStepTooLarge',
  },
  {
    type: 'error',
    inputs: [{ name: 'market', internalType: 'address', type: 'address' }],
    name: 'UnknownMarket',
  },
  { type: 'error', inputs: [], name: 'ZeroAddress' },
] as const

//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////
// KeelRiskSteward
//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////

export const keelRiskStewardAbi = [
  {
    type: 'constructor',
    inputs: [
      {
        name: 'riskAdmin_',
        internalType: 'contract KeelRiskAdmin',
        type: 'address',
      },
      { name: 'maxStep_', internalType: 'uint256', type: 'uint256' },
      { name: 'minInterval_', internalType: 'uint256', type: 'uint256' },
      { name: 'agent_', internalType: 'address', type: 'address' },
    ],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'MAX_STEP_BOUND',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'MIN_INTERVAL_BOUND',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'agent',
    outputs: [{ name: '', internalType: 'address', type: 'address' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'changes',
    outputs: [
      {
        name: '',
        internalType: 'struct StewardChange[]',
        type: 'tuple[]',
        components: [
          { name: 'changeId', internalType: 'uint256', type: 'uint256' },
          { name: 'market', internalType: 'address', type: 'address' },
          { name: 'asset', internalType: 'address', type: 'address' },
          { name: 'fromLtv', internalType: 'uint64', type: 'uint64' },
          { name: 'fromLt', internalType: 'uint64', type: 'uint64' },
          { name: 'toLtv', internalType: 'uint64', type: 'uint64' },
          { name: 'toLt', internalType: 'uint64', type: 'uint64' },
          { name: 'proposedAt', internalType: 'uint64', type: 'uint64' },
          { name: 'executableAt', internalType: 'uint64', type: 'uint64' },
          { name: 'expiresAt', internalType: 'uint64', type: 'uint64' },
          { name: 'executedAt', internalType: 'uint64', type: 'uint64' },
          {
            name: 'inputs',
            internalType: 'struct StewardInputs',
            type: 'tuple',
            components: [
              { name: 'volatility', internalType: 'uint64', type: 'uint64' },
              {
                name: 'liquidationSeconds',
                internalType: 'uint64',
                type: 'uint64',
              },
              { name: 'priceImpact', internalType: 'uint64', type: 'uint64' },
              {
                name: 'insolvencyOdds',
                internalType: 'uint64',
                type: 'uint64',
              },
            ],
          },
        ],
      },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'changeId', internalType: 'uint256', type: 'uint256' }],
    name: 'execute',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'market', internalType: 'address', type: 'address' },
      { name: 'asset', internalType: 'address', type: 'address' },
    ],
    name: 'lastActionAt',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'maxStep',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'minInterval',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'market', internalType: 'address', type: 'address' },
      { name: 'asset', internalType: 'address', type: 'address' },
    ],
    name: 'nextActionAt',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'market', internalType: 'address', type: 'address' },
      { name: 'asset', internalType: 'address', type: 'address' },
      { name: 'ltv', internalType: 'uint64', type: 'uint64' },
      { name: 'lt', internalType: 'uint64', type: 'uint64' },
      {
        name: 'inputs',
        internalType: 'struct StewardInputs',
        type: 'tuple',
        components: [
          { name: 'volatility', internalType: 'uint64', type: 'uint64' },
          {
            name: 'liquidationSeconds',
            internalType: 'uint64',
            type: 'uint64',
          },
          { name: 'priceImpact', internalType: 'uint64', type: 'uint64' },
          { name: 'insolvencyOdds', internalType: 'uint64', type: 'uint64' },
        ],
      },
    ],
    name: 'propose',
    outputs: [{ name: 'changeId', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'riskAdmin',
    outputs: [
      { name: '', internalType: 'contract KeelRiskAdmin', type: 'address' },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'agent_', internalType: 'address', type: 'address' }],
    name: 'setAgent',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'agent',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
    ],
    name: 'AgentSet',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'changeId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
    ],
    name: 'StewardExecuted',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'changeId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'market',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'asset',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'fromLtv',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'fromLt',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'toLtv',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'toLt',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'inputs',
        internalType: 'struct StewardInputs',
        type: 'tuple',
        components: [
          { name: 'volatility', internalType: 'uint64', type: 'uint64' },
          {
            name: 'liquidationSeconds',
            internalType: 'uint64',
            type: 'uint64',
          },
          { name: 'priceImpact', internalType: 'uint64', type: 'uint64' },
          { name: 'insolvencyOdds', internalType: 'uint64', type: 'uint64' },
        ],
        indexed: false,
      },
    ],
    name: 'StewardProposed',
  },
  {
    type: 'error',
    inputs: [{ name: 'changeId', internalType: 'uint256', type: 'uint256' }],
    name: 'ChangePending',
  },
  {
    type: 'error',
    inputs: [{ name: 'changeId', internalType: 'uint256', type: 'uint256' }],
    name: 'CollateralChangedSince',
  },
  {
    type: 'error',
    inputs: [
      { name: 'maxStep', internalType: 'uint256', type: 'uint256' },
      { name: 'minInterval', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'InvalidStewardConfig',
  },
  {
    type: 'error',
    inputs: [{ name: 'caller', internalType: 'address', type: 'address' }],
    name: 'NotAgent',
  },
  {
    type: 'error',
    inputs: [{ name: 'caller', internalType: 'address', type: 'address' }],
    name: 'NotGovernance',
  },
  { type: 'error', inputs: [], name: 'NothingToChange' },
  {
    type: 'error',
    inputs: [
      { name: 'current', internalType: 'uint256', type: 'uint256' },
      { name: 'proposed', internalType: 'uint256', type: 'uint256' },
      { name: 'maxStep', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'StepTooLarge',
  },
  {
    type: 'error',
    inputs: [{ name: 'nextAt', internalType: 'uint256', type: 'uint256' }],
    name: 'TooSoon',
  },
  {
    type: 'error',
    inputs: [{ name: 'changeId', internalType: 'uint256', type: 'uint256' }],
    name: 'UnknownStewardChange',
  },
] as const

//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////
// MorphoBlueGuardAdapter
//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////

export const morphoBlueGuardAdapterAbi = [
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
        name: 'morpho_',
        internalType: 'contract IGuardMorpho',
        type: 'address',
      },
      { name: 'maxPriceAge_', internalType: 'uint256', type: 'uint256' },
    ],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [{ name: 'position', internalType: 'bytes', type: 'bytes' }],
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
    name: 'morpho',
    outputs: [
      { name: '', internalType: 'contract IGuardMorpho', type: 'address' },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'assets', internalType: 'uint256', type: 'uint256' },
      { name: 'data', internalType: 'bytes', type: 'bytes' },
    ],
    name: 'onMorphoFlashLoan',
    outputs: [],
    stateMutability: 'nonpayable',
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
    inputs: [{ name: 'oracle', internalType: 'address', type: 'address' }],
    name: 'UncheckableOracle',
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

//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////
// MorphoLeverageRouter
//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////

export const morphoLeverageRouterAbi = [
  {
    type: 'constructor',
    inputs: [
      { name: 'morpho_', internalType: 'contract IMorpho', type: 'address' },
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
    name: 'MAX_ORACLE_SLIPPAGE_BPS',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
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
      {
        name: 'params',
        internalType: 'struct MarketParams',
        type: 'tuple',
        components: [
          { name: 'loanToken', internalType: 'address', type: 'address' },
          { name: 'collateralToken', internalType: 'address', type: 'address' },
          { name: 'oracle', internalType: 'address', type: 'address' },
          { name: 'irm', internalType: 'address', type: 'address' },
          { name: 'lltv', internalType: 'uint256', type: 'uint256' },
        ],
      },
      { name: 'maxCollateralIn', internalType: 'uint256', type: 'uint256' },
      { name: 'bps', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'close',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      {
        name: 'params',
        internalType: 'struct MarketParams',
        type: 'tuple',
        components: [
          { name: 'loanToken', internalType: 'address', type: 'address' },
          { name: 'collateralToken', internalType: 'address', type: 'address' },
          { name: 'oracle', internalType: 'address', type: 'address' },
          { name: 'irm', internalType: 'address', type: 'address' },
          { name: 'lltv', internalType: 'uint256', type: 'uint256' },
        ],
      },
      { name: 'owner', internalType: 'address', type: 'address' },
    ],
    name: 'debtOf',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      {
        name: 'params',
        internalType: 'struct MarketParams',
        type: 'tuple',
        components: [
          { name: 'loanToken', internalType: 'address', type: 'address' },
          { name: 'collateralToken', internalType: 'address', type: 'address' },
          { name: 'oracle', internalType: 'address', type: 'address' },
          { name: 'irm', internalType: 'address', type: 'address' },
          { name: 'lltv', internalType: 'uint256', type: 'uint256' },
        ],
      },
      { name: 'collateralToSell', internalType: 'uint256', type: 'uint256' },
      { name: 'repayAmount', internalType: 'uint256', type: 'uint256' },
      { name: 'minLoanOut', internalType: 'uint256', type: 'uint256' },
      { name: 'bps', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'decrease',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      {
        name: 'params',
        internalType: 'struct MarketParams',
        type: 'tuple',
        components: [
          { name: 'loanToken', internalType: 'address', type: 'address' },
          { name: 'collateralToken', internalType: 'address', type: 'address' },
          { name: 'oracle', internalType: 'address', type: 'address' },
          { name: 'irm', internalType: 'address', type: 'address' },
          { name: 'lltv', internalType: 'uint256', type: 'uint256' },
        ],
      },
      { name: 'deposit', internalType: 'uint256', type: 'uint256' },
      { name: 'flashAmount', internalType: 'uint256', type: 'uint256' },
      { name: 'minCollateralOut', internalType: 'uint256', type: 'uint256' },
      { name: 'bps', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'increase',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'morpho',
    outputs: [{ name: '', internalType: 'contract IMorpho', type: 'address' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'assets', internalType: 'uint256', type: 'uint256' },
      { name: 'data', internalType: 'bytes', type: 'bytes' },
    ],
    name: 'onMorphoFlashLoan',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
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
        indexed: true,
      },
      {
        name: 'debtAsset',
        internalType: 'address',
        type: 'address',
        indexed: true,
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
        name: 'owner',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'collateral',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'debtAsset',
        internalType: 'address',
        type: 'address',
        indexed: true,
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
        name: 'owner',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'collateral',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'debtAsset',
        internalType: 'address',
        type: 'address',
        indexed: true,
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
      { name: 'amountIn', internalType: 'uint256', type: 'uint256' },
      { name: 'maxAmountIn', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'MaxInputExceeded',
  },
  {
    type: 'error',
    inputs: [
      { name: 'amountOut', internalType: 'uint256', type: 'uint256' },
      { name: 'minOut', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'OracleBoundExceeded',
  },
  {
    type: 'error',
    inputs: [
      { name: 'bps', internalType: 'uint256', type: 'uint256' },
      { name: 'maxBps', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'OracleBoundTooWide',
  },
  { type: 'error', inputs: [], name: 'ReentrancyGuardReentrantCall' },
  {
    type: 'error',
    inputs: [{ name: 'owner', internalType: 'address', type: 'address' }],
    name: 'RouterNotAuthorized',
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

//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////
// PrivateVaultVerifier
//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////

export const privateVaultVerifierAbi = [
  {
    type: 'function',
    inputs: [
      { name: '_pA', internalType: 'uint256[2]', type: 'uint256[2]' },
      { name: '_pB', internalType: 'uint256[2][2]', type: 'uint256[2][2]' },
      { name: '_pC', internalType: 'uint256[2]', type: 'uint256[2]' },
      { name: '_pubSignals', internalType: 'uint256[13]', type: 'uint256[13]' },
    ],
    name: 'verifyProof',
    outputs: [{ name: '', internalType: 'bool', type: 'bool' }],
    stateMutability: 'view',
  },
] as const

//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////
// UniswapV2Adapter
//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////

export const uniswapV2AdapterAbi = [
  {
    type: 'constructor',
    inputs: [
      {
        name: 'factory_',
        internalType: 'contract IUniswapV2Factory',
        type: 'address',
      },
    ],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'factory',
    outputs: [
      { name: '', internalType: 'contract IUniswapV2Factory', type: 'address' },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'tokenIn', internalType: 'address', type: 'address' },
      { name: 'tokenOut', internalType: 'address', type: 'address' },
      { name: 'amountIn', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'quoteExactIn',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'tokenIn', internalType: 'address', type: 'address' },
      { name: 'tokenOut', internalType: 'address', type: 'address' },
      { name: 'amountOut', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'quoteExactOut',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'tokenIn', internalType: 'address', type: 'address' },
      { name: 'tokenOut', internalType: 'address', type: 'address' },
      { name: 'amountIn', internalType: 'uint256', type: 'uint256' },
      { name: 'minAmountOut', internalType: 'uint256', type: 'uint256' },
      { name: 'receiver', internalType: 'address', type: 'address' },
    ],
    name: 'swapExactIn',
    outputs: [{ name: 'amountOut', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'tokenIn', internalType: 'address', type: 'address' },
      { name: 'tokenOut', internalType: 'address', type: 'address' },
      { name: 'amountOut', internalType: 'uint256', type: 'uint256' },
      { name: 'maxAmountIn', internalType: 'uint256', type: 'uint256' },
      { name: 'receiver', internalType: 'address', type: 'address' },
    ],
    name: 'swapExactOut',
    outputs: [{ name: 'amountIn', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'nonpayable',
  },
  {
    type: 'error',
    inputs: [
      { name: 'amountOut', internalType: 'uint256', type: 'uint256' },
      { name: 'reserveOut', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'InsufficientPoolLiquidity',
  },
  {
    type: 'error',
    inputs: [
      { name: 'amountIn', internalType: 'uint256', type: 'uint256' },
      { name: 'maxAmountIn', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'MaxInputExceeded',
  },
  {
    type: 'error',
    inputs: [
      { name: 'tokenIn', internalType: 'address', type: 'address' },
      { name: 'tokenOut', internalType: 'address', type: 'address' },
    ],
    name: 'NoPool',
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
] as const

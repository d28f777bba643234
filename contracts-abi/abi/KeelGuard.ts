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

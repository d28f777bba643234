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

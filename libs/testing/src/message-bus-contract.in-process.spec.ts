import { InProcessMessageBus } from '@kyc/messaging';
import { messageBusContract } from './message-bus-contract';

// Runs here rather than beside the adapter: the testing library depends on messaging, not the other way round.
messageBusContract('in-process', () => ({ bus: new InProcessMessageBus({ partitions: 4 }) }));

import * as tf from '@tensorflow/tfjs';
import { AdadeltaOptimizer } from './adadelta';
import { AdamaxOptimizer } from './adamax';
import { ManhattanOptimizer } from './manhattan';
import { LeakFreeMomentumOptimizer } from './momentum';
import { NesterovOptimizer } from './nesterov';
import { RpropOptimizer, RPROP_DEFAULTS, type RpropConfig } from './rprop';
import { ScgOptimizer, SCG_DEFAULTS, type ScgConfig, type ScgStep } from './scg';

// The course's optimizers that TensorFlow.js does not have, and a correct Adadelta, as tfjs Optimizer
// subclasses. Registering them lets tfjs rebuild them from their class name and config (tf.serialization); the class names
// carry a "CnnPlayground." prefix so that none replaces a tfjs optimizer (tfjs has its own "Adamax").

export const PLAYGROUND_OPTIMIZERS = [AdadeltaOptimizer, NesterovOptimizer, AdamaxOptimizer, RpropOptimizer, ManhattanOptimizer, ScgOptimizer] as const;

for (const cls of PLAYGROUND_OPTIMIZERS) tf.serialization.registerClass(cls, 'CnnPlayground', cls.className.replace('CnnPlayground.', ''));

export { AdadeltaOptimizer, AdamaxOptimizer, LeakFreeMomentumOptimizer, ManhattanOptimizer, NesterovOptimizer, RpropOptimizer, ScgOptimizer, RPROP_DEFAULTS, SCG_DEFAULTS };
export type { RpropConfig, ScgConfig, ScgStep };

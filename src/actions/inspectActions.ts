import { setApp } from '../state/store';
import { defineAction } from './types';

// The views inside the network: which layer is picked (diagram, feature maps, builder all show it).

export const selectLayer = defineAction<number | null>({
  name: 'selectLayer',
  labelKey: 'inspect.selectLayer',
  perform(layer) {
    setApp({ selectedLayer: layer });
  },
});

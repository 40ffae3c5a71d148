import { ObjectType } from 'type-graphql';
import { ConnectionType } from './connection.js';
import { Sweep } from './sweep.js';
import { Volume } from './volume.js';

@ObjectType({ description: 'A page of volumes.' })
export class VolumeConnection extends ConnectionType('Volume', Volume) {}

@ObjectType({ description: 'A page of sweeps.' })
export class SweepConnection extends ConnectionType('Sweep', Sweep) {}

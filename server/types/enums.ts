import { registerEnumType } from 'type-graphql';
import { RADAR_MOMENTS, type Moment } from '../../core/vocabulary/index.js';
import { enumOf } from './enum-of.js';

/** Level 2 data moments, named as in the Archive II data blocks (the enum is built from the one list). */
export const RadarMoment = enumOf(RADAR_MOMENTS);
export type RadarMoment = Moment;

registerEnumType(RadarMoment, {
  name: 'RadarMoment',
  description: 'Level 2 moment: reflectivity, velocity, spectrum width, differential reflectivity, differential phase, correlation coefficient, clutter filter power.',
});

export enum SortOrder {
  ASC = 'ASC',
  DESC = 'DESC',
}

registerEnumType(SortOrder, { name: 'SortOrder', description: 'By time then id; DESC is newest first.' });

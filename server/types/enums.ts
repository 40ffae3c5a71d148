import { registerEnumType } from 'type-graphql';

/** Level 2 data moments, named as in the Archive II data blocks. */
export enum RadarMoment {
  REF = 'REF',
  VEL = 'VEL',
  SW = 'SW',
  ZDR = 'ZDR',
  PHI = 'PHI',
  RHO = 'RHO',
  CFP = 'CFP',
}

registerEnumType(RadarMoment, {
  name: 'RadarMoment',
  description: 'Level 2 moment: reflectivity, velocity, spectrum width, differential reflectivity, differential phase, correlation coefficient, clutter filter power.',
});

export enum SortOrder {
  ASC = 'ASC',
  DESC = 'DESC',
}

registerEnumType(SortOrder, { name: 'SortOrder', description: 'By time then id; DESC is newest first.' });

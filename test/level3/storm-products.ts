// Synthetic storm products made with the project's Level 3 encoder (no NTV with an ETVS exists
// among the real samples).
import { encodeLevel3 } from '../fixtures/level3-encoder.js';

/** Packet `code` with `records` of signed halfwords (symbol points: I, J). */
function halfwordPacket(code: number, records: number[][]): Uint8Array {
  const values = records.flat();
  const out = new DataView(new ArrayBuffer(4 + 2 * values.length));
  out.setUint16(0, code);
  out.setUint16(2, 2 * values.length);
  values.forEach((v, k) => out.setInt16(4 + 2 * k, v));
  return new Uint8Array(out.buffer);
}

/** Packet 15: storm ids (I, J, two characters). */
function stormIdPacket(points: Array<[number, number, string]>): Uint8Array {
  return halfwordPacket(
    15,
    points.map(([i, j, id]) => [i, j, (id.charCodeAt(0) << 8) | id.charCodeAt(1)]),
  );
}

export const NTV_SCAN_TIME = Date.UTC(2021, 6, 15, 22, 13, 19);

/**
 * An NTV (code 61) with a TVS and an ETVS in storm A1 and an ETVS in storm B2: TVS symbol packet
 * 12, ETVS packet 26, storm ids 15, and the tabular block as the RPG lays it out.
 */
export function ntvProduct(scanTime = NTV_SCAN_TIME): Uint8Array {
  const header = [
    '                                                                                ',
    '                            Tornado Vortex Signature                            ',
    '      Radar Id 337   Date/Time  07:15:21/22:13:19   Number of TVS/ETVS    1/  2 ',
    '                                                                                ',
    ' Feat  Storm   AZ/RAN  AVGDV  LLDV  MXDV/Hgt   Depth    Base/Top   MXSHR/Hgt    ',
    ' Type    ID   (deg,nm)  (kt)  (kt)  (kt,kft)   (kft)     (kft)     (E-3/s,kft)  ',
    '                                                                                ',
  ];
  const rows = [
    ' ETVS    A1   118/ 31    25    30    90/12.0   >14.0  <10.0/ 24.0    30/12.0    ',
    '  TVS    A1   120/ 30    30    35   120/18.9   >24.5  < 4.6/ 29.1    37/18.9    ',
    ' ETVS    B2   200/ 45    22    28    80/15.0   >10.0  <12.0/ 22.0    25/15.0    ',
  ];
  return encodeLevel3({
    productCode: 61,
    volumeScanTime: scanTime,
    halfwords: { 47: 1, 48: 2 },
    layers: [
      [
        halfwordPacket(12, [[193, -111]]),
        halfwordPacket(26, [
          [187, -106],
          [-117, -322],
        ]),
        stormIdPacket([
          [193, -111, 'A1'],
          [-117, -322, 'B2'],
        ]),
      ],
    ],
    tabularPages: [[...header, ...rows]],
    wmo: { heading: 'SDUS53 KLOT 152213', awipsId: 'NTVLOT' },
  });
}

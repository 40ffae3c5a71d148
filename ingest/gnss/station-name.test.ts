// Which station a RINEX observation file is catalogued under: the one the user names, else the
// file name's, else MARKER NAME's; a typed error saying how to name it when none does.
import { describe, expect, it } from 'vitest';
import { parseGnssStationId } from '../../core/vocabulary/index.js';
import type { RinexObsHeader } from '../decode/rinex/types.js';
import { stationNameOf } from './station-name.js';

const header = (markerName: string | null) => ({ markerName }) as RinexObsHeader;

describe('stationNameOf', () => {
  it('takes the file name, then MARKER NAME', () => {
    expect(stationNameOf(header('CEDA00USA'), 'x/CEDA00USA_R_20182100000_23H_15S_MO.rnx.gz')).toEqual({ id: 'CEDA', longName: 'CEDA00USA' });
    expect(stationNameOf(header(''), 'x/york0440.15d')).toEqual({ id: 'YORK', longName: null });
    expect(stationNameOf(header('MRKR'), 'x/demo.10o')).toEqual({ id: 'MRKR', longName: null });
  });

  it('takes the station the user names over both, keeping a matching long marker name', () => {
    const mchl = parseGnssStationId('mchl', '--station');
    expect(stationNameOf(header(''), 'x/york0440.15d', mchl)).toEqual({ id: 'MCHL', longName: null });
    expect(stationNameOf(header('MCHL00AUS'), 'x/notes.obs', mchl)).toEqual({ id: 'MCHL', longName: 'MCHL00AUS' });
    expect(stationNameOf(header('CEDA00USA'), 'x/notes.obs', mchl)).toEqual({ id: 'MCHL', longName: null });
  });

  it('is UNSUPPORTED when nothing names it, and says how to', () => {
    expect(() => stationNameOf(header('  '), 'x/notes.obs')).toThrow(
      expect.objectContaining({ code: 'UNSUPPORTED', message: expect.stringContaining('MARKER NAME is empty; name it with radome ingest files --station SSSS') }),
    );
  });
});

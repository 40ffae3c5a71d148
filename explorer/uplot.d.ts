// uplot ships its types as dist/uPlot.d.ts without naming them in package.json; this points the
// bare specifier (which esbuild resolves to dist/uPlot.esm.js) at them.
declare module 'uplot' {
  import uPlot = require('uplot/dist/uPlot.js');
  export default uPlot;
}

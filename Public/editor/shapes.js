// The image tool modules by tool kind.
import bbox from './tools/bbox.js';
import rotated from './tools/rotated.js';
import point from './tools/point.js';
import { polygon, polyline } from './tools/poly.js';

export const SHAPES = {
  'bounding-box': bbox,
  'rotated-bounding-box': rotated,
  polygon,
  polyline,
  point,
};

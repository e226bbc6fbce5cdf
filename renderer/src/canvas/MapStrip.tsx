/**
 * The strip of a node's feature maps that the canvas shows while the pointer is over the node,
 * after a "Look inside" drew them (store/look.ts): the first row of its grid of tiles, one per
 * channel. Inside an opened block the node's path (`instance/inner`) finds its maps; a block
 * instance shows its output's. Shown only for the document the maps were drawn for, and only when
 * the node's output shape is the one the maps have.
 */
import { useLook } from '../store/look';
import { useApp } from '../store/store';

/** The strip's height on the canvas, in pixels. */
const HEIGHT = 28;

export function MapStrip({ id, shape, name }: { id: string; shape: string; name: string }) {
  const path = useApp((s) => [...s.scope.map((f) => f.instance), id].join('/'));
  const current = useApp((s) => s.loadId);
  const strip = useLook((s) => (s.loadId === current ? s.strips[path] : undefined));
  if (!strip || strip.shape !== shape) return null;
  const scale = HEIGHT / strip.tileHeight;
  const tiles = Math.min(strip.count, strip.cols);
  const step = (strip.tileWidth + strip.gap) * scale;
  return (
    <div className="layer-node__strip" role="img" aria-label={`Feature maps of ${name}`} title={`${strip.layer}: the first ${tiles} of ${strip.count} channels`}>
      <div style={{ width: tiles * step - strip.gap * scale, height: HEIGHT }}>
        <img src={strip.png} alt="" width={strip.width * scale} draggable={false} />
      </div>
    </div>
  );
}

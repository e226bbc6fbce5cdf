/**
 * The template gallery: a card per classic network (its graph in miniature, parameters,
 * multiply-adds, input size, year, ILSVRC top-5 error), and the recent files. Shown at first
 * start, when there is no document yet (once the restore offer is settled), and from the
 * toolbar's "New from template…". Choosing a card opens the template laid out to read and fitted
 * to the view, asking first about unsaved edits. A card whose template torchvision publishes
 * weights for downloads them into the cache from the card (the Predict section's own control).
 */
import { memo, useEffect, useRef, useState } from 'react';
import type { TemplateCard } from '../../../shared/api';
import { formatShape } from '../../../shared/layers/types';
import { publishedFor } from '../../../shared/weights/published';
import { api } from '../api';
import { newDocument, openTemplate } from '../commands/files';
import { warmUp } from '../layout/runElk';
import { usePanels } from '../store/panels';
import { compact } from '../ui/format';
import { ImagenetDownload } from './ImagenetDownload';
import { RecentList } from './RecentFiles';
import { TemplateThumbnail } from './TemplateThumbnail';

let cards: Promise<TemplateCard[]> | undefined;

/** The cards, asked of the engine once per session. */
function loadCards(): Promise<TemplateCard[]> {
  cards ??= api()
    .call('templates.list', {})
    .then((r) => r.templates)
    .catch((e: unknown) => {
      cards = undefined;
      throw e;
    });
  return cards;
}

function useCards(): { list?: TemplateCard[]; error?: string } {
  const [state, setState] = useState<{ list?: TemplateCard[]; error?: string }>({});
  useEffect(() => {
    let live = true;
    loadCards().then(
      (list) => live && setState({ list }),
      (e: unknown) => live && setState({ error: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      live = false;
    };
  }, []);
  return state;
}

function Card({ card, onOpen }: { card: TemplateCard; onOpen(id: string): void }) {
  const stats = `stats-${card.id}`;
  return (
    <li>
      <button type="button" className="gallery__card" aria-label={card.name} aria-describedby={stats} title={card.description} onClick={() => onOpen(card.id)}>
        <TemplateThumbnail preview={card.preview} />
        <span className="gallery__head">
          <span className="gallery__name">{card.name}</span>
          <span className="gallery__year">{card.year}</span>
        </span>
        <span className="gallery__stats" id={stats}>
          <span>{compact(card.params)} parameters</span>
          <span>{compact(card.macs)} MACs</span>
          <span>{card.input ? formatShape(card.input) : '—'} input</span>
          <span>{card.top5 === null ? `${card.layers} nodes` : `top-5 error ${card.top5}%`}</span>
        </span>
      </button>
      {publishedFor(card.id) ? (
        <div className="gallery__weights">
          <ImagenetDownload docName={card.id} compact />
        </div>
      ) : null}
    </li>
  );
}

function GalleryDialog() {
  const ref = useRef<HTMLDialogElement>(null);
  const { list, error } = useCards();
  const close = () => usePanels.getState().showGallery(false);

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    warmUp();
    return () => dialog?.close();
  }, []);

  const open = (id: string) => {
    close();
    void openTemplate(id);
  };

  return (
    <dialog ref={ref} className="dialog gallery" aria-labelledby="gallery-title" onClose={close}>
      <header className="gallery__header">
        <h2 id="gallery-title">Templates</h2>
        <p className="muted">The classic networks of the lecture, ready to inspect, edit and train.</p>
        <button
          type="button"
          className="button"
          onClick={() => {
            close();
            void newDocument();
          }}
        >
          Start with an empty canvas
        </button>
        <button type="button" className="gallery__close" aria-label="Close" onClick={close}>
          ×
        </button>
      </header>
      <RecentList onChosen={close} />
      {error ? <p role="alert">Could not list the templates: {error}</p> : null}
      {list ? (
        <ul className="gallery__grid" aria-label="Template list">
          {list.map((card) => (
            <Card key={card.id} card={card} onOpen={open} />
          ))}
        </ul>
      ) : error ? null : (
        <p className="muted" role="status">
          Loading templates…
        </p>
      )}
    </dialog>
  );
}

function TemplateGalleryImpl() {
  const open = usePanels((s) => s.gallery);
  return open ? <GalleryDialog /> : null;
}

/** The gallery, while it is open. */
export const TemplateGallery = memo(TemplateGalleryImpl);

/**
 * The template catalogue. `templates/<id>.netwright.json` holds what each builder returns, and a
 * test checks that the stored files equal the builders' output (`npm run templates` rewrites
 * them).
 */
import type { NetwrightDocument } from '../graph/schema';
import { alexnet, alexnetTorchvision } from './alexnet';
import { cifarTemplate } from './cifar';
import { densenet121 } from './densenet';
import { googlenet } from './googlenet';
import { inceptionExample } from './inception';
import { lenet5 } from './lenet5';
import { miniGooglenet, miniVgg } from './mini';
import { resnetTemplate, seResnet50 } from './resnet';
import { vgg16, vgg19 } from './vgg';

export interface TemplateInfo {
  id: string;
  build: () => NetwrightDocument;
  year: number;
  /** ILSVRC top-5 error in percent, where the net competed (from the lecture). */
  top5?: number;
}

export const templates: readonly TemplateInfo[] = [
  { id: 'lenet5', build: lenet5, year: 1998 },
  { id: 'alexnet', build: alexnet, year: 2012, top5: 15.3 },
  { id: 'alexnet-tv', build: alexnetTorchvision, year: 2012, top5: 15.3 },
  { id: 'vgg16', build: vgg16, year: 2014, top5: 7.3 },
  { id: 'vgg19', build: vgg19, year: 2014, top5: 7.3 },
  { id: 'googlenet', build: googlenet, year: 2014, top5: 6.7 },
  { id: 'inception-naive', build: () => inceptionExample(false), year: 2014 },
  { id: 'inception-bottleneck', build: () => inceptionExample(true), year: 2014 },
  { id: 'resnet18', build: resnetTemplate(18), year: 2015 },
  { id: 'resnet34', build: resnetTemplate(34), year: 2015 },
  { id: 'resnet50', build: resnetTemplate(50), year: 2015 },
  { id: 'resnet101', build: resnetTemplate(101), year: 2015 },
  { id: 'resnet152', build: resnetTemplate(152), year: 2015, top5: 3.57 },
  { id: 'se-resnet50', build: seResnet50, year: 2017 },
  { id: 'densenet121', build: densenet121, year: 2017 },
  { id: 'resnet20-cifar', build: cifarTemplate(3, true), year: 2015 },
  { id: 'resnet56-cifar', build: cifarTemplate(9, true), year: 2015 },
  { id: 'plain20-cifar', build: cifarTemplate(3, false), year: 2015 },
  { id: 'plain56-cifar', build: cifarTemplate(9, false), year: 2015 },
  { id: 'mini-googlenet', build: miniGooglenet, year: 2014 },
  { id: 'mini-vgg', build: miniVgg, year: 2014 },
];

export const templateIds = templates.map((t) => t.id);

/** The template's document, or undefined for an unknown id: `buildTemplate('lenet5')`. */
export const buildTemplate = (id: string) => templates.find((t) => t.id === id)?.build();

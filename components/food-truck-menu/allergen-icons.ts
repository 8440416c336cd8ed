import type { TemplateResult } from 'lit';
import { celery, egg, fish, lupin, milk, mustard, peanut, sesame, shell, shrimp, soybean, treeNut, wheat, wineGlass, type Icon } from '../shared/icons.js';
import type { AllergenId } from './menu.js';

const SHAPES = { gluten: wheat, crustaceans: shrimp, eggs: egg, fish, peanuts: peanut, soybeans: soybean, milk, nuts: treeNut, celery, mustard, sesame, sulphites: wineGlass, lupin, molluscs: shell } satisfies Record<AllergenId, Icon>;

/** An allergen's icon (decorative: its name is written beside it). */
export const allergenIcon = (id: AllergenId): TemplateResult => SHAPES[id]();

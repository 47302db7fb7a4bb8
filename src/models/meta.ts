/**
 * The shape every model's meta.ts fills in: what the model is, as data (id, title, the paper it
 * implements, its parameters documented with symbol and unit). The CLI lists and documents
 * models from it; the library API exposes it (src/models/catalog.ts).
 */

/** One documented parameter. */
export interface ParamDoc {
  /** field name (path) in parameter files */
  name: string;
  /** the paper's symbol */
  symbol: string;
  unit: string;
  description: string;
}

export interface ModelMeta {
  /** stable identifier, the model's folder name and its `invlab solve <id>` */
  id: string;
  title: string;
  /** authors as cited in text, e.g. 'Katircioglu, Brown & Asghar' */
  authors: string;
  /** publication year, or null when the paper prints none */
  year: number | null;
  /** full reference */
  citation: string;
  /** DOI, when the paper has one */
  doi?: string;
  params: readonly ParamDoc[];
}

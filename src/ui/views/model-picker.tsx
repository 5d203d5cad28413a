// "My default model": one radio button per model with its 1K list price, posting to /ui/prefs/model with
// the session's CSRF token. The saved choice is what generate_image uses when the caller names no model.
import type { FC } from 'hono/jsx';
import type { ModelAlias } from '../../models/index.js';
import { formatUsd } from '../format.js';
import { UI_BASE } from '../paths.js';

export interface ModelChoice {
  alias: ModelAlias;
  displayName: string;
  /** List price of one 1K image, USD. */
  price1k: number | undefined;
  summary: string;
}

export interface ModelPickerProps {
  models: readonly ModelChoice[];
  current: ModelAlias;
  /** False when the user never saved a choice and the server default applies. */
  saved: boolean;
  csrf: string;
}

export const ModelPicker: FC<ModelPickerProps> = ({ models, current, saved, csrf }) => (
  <section class="panel" aria-labelledby="model-heading">
    <h2 id="model-heading">My default model</h2>
    <p class="muted">
      Used whenever you ask for an image without naming a model.
      {saved ? '' : ' You have not picked one yet, so the server default applies.'}
    </p>
    <form method="post" action={`${UI_BASE}/prefs/model`}>
      <input type="hidden" name="csrf" value={csrf} />
      <fieldset>
        <legend class="muted">Model</legend>
        {models.map((model) => (
          <label class="choice">
            <input type="radio" name="model" value={model.alias} checked={model.alias === current} />
            <span>
              <strong>{model.displayName}</strong> <span class="badge">{model.alias}</span>
              {model.price1k === undefined ? null : (
                <span class="price">{`${formatUsd(model.price1k)} per 1K image`}</span>
              )}
              <small>{model.summary}</small>
            </span>
          </label>
        ))}
      </fieldset>
      <button type="submit">Save default model</button>
    </form>
  </section>
);

// The selection rules' form fields, shared by a new batch and the settings.
import { html } from "./dom.js";

const USE_TYPES = ["residential", "commercial", "industrial", "official"];

export const ruleFields = (days) => html`
  <label>Umbral residencial ($) <input class="form-control" name="t_residential" type="number" min="0" placeholder="sin umbral"></label>
  <label>Umbral comercial ($) <input class="form-control" name="t_commercial" type="number" min="0" placeholder="sin umbral"></label>
  <label>Umbral industrial ($) <input class="form-control" name="t_industrial" type="number" min="0" placeholder="sin umbral"></label>
  <label>Umbral oficial ($) <input class="form-control" name="t_official" type="number" min="0" placeholder="sin umbral"></label>
  <label>${days} <input class="form-control" name="min_days_past_due" type="number" min="0" required></label>
  <label>Ventana de pagos (días) <input class="form-control" name="payment_window_days" type="number" min="0" required></label>
  <label>Ventana de cartas (días) <input class="form-control" name="letter_window_days" type="number" min="0" required></label>`;

export const ruleChecks = html`
  <label class="casilla"><input class="form-check-input" name="pending_address_check" type="checkbox"> Excluir con verificación de dirección pendiente</label>
  <label class="casilla"><input class="form-check-input" name="pending_billing_check" type="checkbox"> Excluir con caso pendiente en facturación</label>`;

export function fillRules(form, s) {
  for (const u of USE_TYPES) form.elements[`t_${u}`].value = s.thresholds[u] ?? "";
  for (const k of ["min_days_past_due", "payment_window_days", "letter_window_days"]) form.elements[k].value = s[k];
  for (const k of ["pending_address_check", "pending_billing_check"]) form.elements[k].checked = s[k];
  if (form.elements.max_letters) form.elements.max_letters.value = s.max_letters ?? "";
}

export function readRules(form) {
  const s = { thresholds: {} };
  for (const u of USE_TYPES) {
    const v = form.elements[`t_${u}`].value;
    s.thresholds[u] = v === "" ? null : Number(v);
  }
  for (const k of ["min_days_past_due", "payment_window_days", "letter_window_days"]) s[k] = Number(form.elements[k].value);
  for (const k of ["pending_address_check", "pending_billing_check"]) s[k] = form.elements[k].checked;
  if (form.elements.max_letters) s.max_letters = form.elements.max_letters.value === "" ? null : Number(form.elements.max_letters.value);
  return s;
}

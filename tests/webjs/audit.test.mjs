// audit.js: an audit line as a sentence with its changes, in Spanish.
import { test } from "node:test";
import assert from "node:assert/strict";
import { changes, sentence } from "../../webui/static/js/audit.js";
import { useLabels } from "../../webui/static/js/labels.js";

useLabels({
  causes: [{ code: "moved", label: "No reside / cambió de domicilio" }],
  roles: [{ code: "field", label: "Terreno" }, { code: "admin", label: "Administrador" }],
  routes: [{ code: "field", label: "Terreno" }, { code: "none", label: "Solo registro" }],
  audit_actions: [{ code: "user.update", label: "cambió el usuario" }, { code: "settings.returns", label: "cambió los ajustes de devoluciones" }],
  fields: [{ code: "role", label: "Rol" }, { code: "zones", label: "Zonas" }, { code: "disabled", label: "Inactivo" }, { code: "routing", label: "Envío por causal" }],
});

test("a user change reads as a sentence with what changed, codes as labels", () => {
  const line = { user: "root", action: "user.update", target: "luis",
    before: { role: "admin", zones: ["Z1"], disabled: false }, after: { role: "field", zones: ["Z1", "Z2"], disabled: false } };
  assert.equal(sentence(line), "root cambió el usuario luis");
  assert.deepEqual(changes(line.before, line.after), [
    { field: "Rol", before: "Administrador", after: "Terreno" },
    { field: "Zonas", before: "Z1", after: "Z1, Z2" },
  ]);
});

test("nested settings name the cause and the route by their labels; unchanged keys are left out", () => {
  const c = changes({ routing: { moved: "none", refused: "none" } }, { routing: { moved: "field", refused: "none" } });
  assert.deepEqual(c, [{ field: "Envío por causal: No reside / cambió de domicilio", before: "Solo registro", after: "Terreno" }]);
  assert.equal(sentence({ user: "ana", action: "settings.returns", target: "returns" }), "ana cambió los ajustes de devoluciones");
});

test("an action the table does not know still reads as Spanish", () => {
  assert.equal(sentence({ user: "ana", action: "return.void", target: "12" }), "ana registró un cambio en 12");
});

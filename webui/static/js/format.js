// Numbers, money and dates as people in Colombia read them.

export const n = (v) => Number(v || 0).toLocaleString("es-CO");
export const pesos = (v) => "$ " + n(v);

// The one host API shared/ uses beyond ECMAScript: structuredClone, which browsers and Node 17+
// both provide (it is in neither ES library).
declare function structuredClone<T>(value: T): T;

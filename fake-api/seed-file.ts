import * as fs from "fs";
import * as t from "io-ts";
import { decodeOrThrow } from "../provider/decode";
import { OrganizationSpec } from "./model";

const DurationCodec = t.union([t.string, t.number]);

const CertificateSpecCodec = t.partial({
    id: t.string,
    name: t.union([t.string, t.null]),
    active: t.boolean,
    createdAt: t.number,
    createdAgo: DurationCodec,
    validAt: t.number,
    validAgo: DurationCodec,
    expiresAt: t.number,
    expiresIn: DurationCodec,
    content: t.string,
});

const ProjectSpecCodec = t.partial({
    id: t.string,
    name: t.union([t.string, t.null]),
    createdAt: t.number,
    archived: t.boolean,
    certificates: t.array(t.intersection([t.type({ id: t.string }), t.partial({ active: t.boolean })])),
});

/** The shape of a seed file; see `examples/seeds/` for samples. */
export const OrganizationSpecCodec = t.partial({
    adminKey: t.string,
    certificates: t.array(CertificateSpecCodec),
    projects: t.array(ProjectSpecCodec),
});

/** Reads and checks a JSON seed file; errors name the file and the field. */
export function readSeedFile(file: string): OrganizationSpec {
    const text = fs.readFileSync(file, "utf8");
    let json: unknown;
    try {
        json = JSON.parse(text);
    } catch (error) {
        throw new Error(`Seed file ${file} is not valid JSON: ${(error as Error).message}`);
    }
    return decodeOrThrow(OrganizationSpecCodec, json, `seed file ${file}`);
}

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeContributions } from './contributions';
import { REPO } from './textmate';

describeContributions(JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')));
